/** The order analytics table, placed on shards by a price-band range rule and fed from the outbox. */
@NullMarked
package io.shardkit.examples.analytics;

import org.jspecify.annotations.NullMarked;
