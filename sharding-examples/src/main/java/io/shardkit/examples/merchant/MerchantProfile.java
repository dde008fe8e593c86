package io.shardkit.examples.merchant;

/**
 * A merchant's reference data: what every shard may need to show next to an order, copied to all of them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param merchantId the merchant
 * @param name       its display name
 */
public record MerchantProfile(long merchantId, String name) {
}
