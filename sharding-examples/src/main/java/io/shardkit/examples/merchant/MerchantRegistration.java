package io.shardkit.examples.merchant;

import java.util.List;

/**
 * What {@code POST /admin/merchants} did.
 *
 * <p>Immutable and thread-safe.
 *
 * @param merchantId    the merchant
 * @param name          its name
 * @param shard         its home shard, where the directory placed it (its sales live there)
 * @param profileShards the shards its profile was written to: every shard
 */
public record MerchantRegistration(long merchantId, String name, String shard, List<String> profileShards) {

    public MerchantRegistration {
        profileShards = List.copyOf(profileShards);
    }
}
