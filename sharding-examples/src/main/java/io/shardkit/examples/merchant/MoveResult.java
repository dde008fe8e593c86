package io.shardkit.examples.merchant;

/**
 * What {@code POST /admin/merchants/{id}/move} did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param merchantId the merchant
 * @param from       the shard it was on
 * @param to         the shard it is on now
 * @param rowsMoved  merchant and sales rows copied to {@code to} and removed from {@code from}
 * @param millis     how long the move took, during which the merchant's sales projection waited
 */
public record MoveResult(long merchantId, String from, String to, long rowsMoved, long millis) {
}
