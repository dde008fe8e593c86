package io.shardkit;

import java.util.Optional;

/**
 * Admission check a {@link Shard} runs before it hands out a connection through {@link Shard#dataSource()}:
 * the place where a layout fence ({@code io.shardkit.layout.LayoutFence}) keeps a shard whose database has not
 * been verified, or failed verification, from serving any call. Every path that takes a connection from a shard
 * goes through it: the routing DataSource, scatter-gather, the outbox relay, the directory and the audit.
 * {@link Shard#rawDataSource()} does not: it is for the fence itself and for health probes.
 *
 * <p>A shard built without a gate is always open and costs nothing. {@link #admit} is on the hot path of every
 * connection: once a shard is open it should cost one volatile read and allocate nothing.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ShardGate {

    /**
     * Returns when {@code shard} may hand out a connection now; throws otherwise.
     *
     * @throws ShardUnavailableException (a subclass) naming the shard and why it may not serve
     */
    void admit(Shard shard);

    /** Why {@code shard} may not serve now, or empty when it may. Never blocks and never checks anything. */
    default Optional<String> refusal(Shard shard) {
        return Optional.empty();
    }

    /**
     * Makes the gate of each shard when a {@link ShardRegistry} is built, see
     * {@link ShardRegistryBuilder#gates(Factory)}. Implementations must be thread-safe.
     */
    @FunctionalInterface
    interface Factory {

        /** The gate of shard {@code name} at {@code index}; asked once per shard. */
        ShardGate gateOf(String name, int index);
    }
}
