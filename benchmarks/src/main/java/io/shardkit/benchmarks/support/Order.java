package io.shardkit.benchmarks.support;

/**
 * One row of {@code t_order}, as every peer reads it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param orderId    the shard key
 * @param customerId the customer who placed it
 * @param amount     the amount in cents
 * @param status     the order's status
 */
public record Order(long orderId, long customerId, long amount, String status) {
}
