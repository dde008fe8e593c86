package io.shardkit.outbox;

/**
 * How relay instances keep off each other on a shard. Both ways go through the shard's relay lock, the one row
 * of {@code <table>_lock} that the shipped DDL creates: whoever holds it is the only relay publishing that
 * shard's outbox, and publishes its oldest pending events first. So a shard's events are published in id
 * order and never by two relays at once, however many relays run; different shards are spread over the relays.
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
     * {@code SELECT ... FOR UPDATE SKIP LOCKED} on the lock row, held by one transaction while the batch is
     * published and released by the commit that marks it; another relay skips the shard meanwhile instead of
     * waiting. A relay that dies releases the lock with its connection, so another takes over at once.
     */
    SKIP_LOCKED,

    /**
     * A lease written into the lock row ({@code lease_owner}, {@code lease_token}, {@code lease_until}) by an
     * atomic conditional update; no transaction stays open while publishing. The lease is renewed while the
     * publisher runs and taken by nobody else, the same relay id included, until that call returned. A relay
     * that dies leaves its lease to expire after {@link OutboxRelayConfig#leaseDuration()}; relay hosts' clocks
     * must agree to well within that.
     */
    LEASE
}
