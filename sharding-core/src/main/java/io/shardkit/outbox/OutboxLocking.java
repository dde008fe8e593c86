package io.shardkit.outbox;

/**
 * How relay instances keep off each other's events on a shard. Whichever is used, one relay at a time publishes
 * the head of a shard's outbox, so events of a shard are published in id order and never by two relays at
 * once.
 *
 * <p>Thread-safe (an enum).
 */
public enum OutboxLocking {

    /**
     * {@link #SKIP_LOCKED} where the shard's database has it (H2 2.3+, PostgreSQL 9.5+, MariaDB 10.6+,
     * MySQL 8+), else {@link #LEASE}; decided per shard from the connection's metadata on first contact.
     */
    AUTO,

    /**
     * {@code SELECT ... FOR UPDATE SKIP LOCKED} on the head of the outbox, held in one transaction while the
     * batch is published; a relay that finds earlier events locked by another relay backs off. A relay that
     * dies releases its locks with its connection, so another takes over at once.
     */
    SKIP_LOCKED,

    /**
     * A lease written into the claimed rows ({@code lease_owner}, {@code lease_until}) by an atomic conditional
     * update; no transaction stays open while publishing. A relay that dies leaves its lease to expire after
     * {@link OutboxRelayConfig#leaseDuration()}; relay hosts' clocks must agree to well within that.
     */
    LEASE
}
