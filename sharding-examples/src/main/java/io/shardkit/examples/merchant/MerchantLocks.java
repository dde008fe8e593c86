package io.shardkit.examples.merchant;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One read-write lock per merchant: writers of a merchant's rows (the sales projection) hold the read lock, a
 * move holds the write lock, so no row is written to the old shard while the merchant's rows are being copied
 * away from it.
 *
 * <p>In-process only: it makes moves safe within one service instance, which is what the example runs. Several
 * instances would need a shared lease (e.g. a row lock on the directory entry) instead.
 *
 * <p>Thread-safe.
 */
final class MerchantLocks {

    private final ConcurrentMap<Long, ReadWriteLock> locks = new ConcurrentHashMap<>();

    ReadWriteLock of(long merchantId) {
        return locks.computeIfAbsent(merchantId, id -> new ReentrantReadWriteLock());
    }
}
