/**
 * Test fixtures shared through the module's test-jar: Kafka's own KRaft broker in-process, events with a known
 * history per aggregate, and checks of what a de-duplicating consumer sees.
 */
@NullMarked
package io.shardkit.outbox.kafka.testing;

import org.jspecify.annotations.NullMarked;
