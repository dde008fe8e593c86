/** The events the order service writes to its outbox, as they travel to consumers. */
@NullMarked
package io.shardkit.examples.events;

import org.jspecify.annotations.NullMarked;
