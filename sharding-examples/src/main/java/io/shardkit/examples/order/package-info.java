/**
 * The order domain: validated requests, placed orders, and the service that writes an order, its lines and its
 * {@code OrderPlaced} event on the customer's shard in one local transaction.
 */
@NullMarked
package io.shardkit.examples.order;

import org.jspecify.annotations.NullMarked;
