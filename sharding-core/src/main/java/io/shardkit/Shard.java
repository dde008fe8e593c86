package io.shardkit;

import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One shard: its name, its index in the {@link ShardRegistry} (0-based; its slot in every rule that lists every
 * shard) and the DataSource that hands out its connections.
 *
 * <p>{@link #dataSource()} is what every caller uses: when the shard has a {@link ShardGate} (a layout fence),
 * each connection is admitted by the gate first, so a shard whose database is not verified never serves a call.
 * {@link #rawDataSource()} bypasses the gate, for the fence itself and for health probes only.
 *
 * <p>Immutable and thread-safe (the gate's state may change; the shard does not). Two shards are equal when name
 * and index are equal.
 */
public final class Shard {

    private final String name;
    private final int index;
    private final DataSource raw;
    private final DataSource dataSource;
    private final @Nullable ShardGate gate;

    /** A shard without a gate: always open. */
    public Shard(String name, int index, DataSource dataSource) {
        this(name, index, dataSource, null);
    }

    /**
     * @param gate admits each connection taken through {@link #dataSource()}; {@code null} for none
     */
    public Shard(String name, int index, DataSource dataSource, @Nullable ShardGate gate) {
        this.name = Objects.requireNonNull(name, "name");
        this.raw = Objects.requireNonNull(dataSource, "dataSource");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0 but was " + index);
        }
        this.index = index;
        this.gate = gate;
        this.dataSource = gate == null ? raw : new GatedDataSource(this, gate, raw);
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    /** The shard's connections, admitted by its gate (if any); the raw DataSource when it has none. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The DataSource as given or built (e.g. the HikariCP pool), bypassing the gate. For the layout fence, health
     * probes and pool metrics; a call served through it is not protected by the layout check.
     */
    public DataSource rawDataSource() {
        return raw;
    }

    /** Why the gate refuses this shard now (not verified, failed the layout check), or empty when it serves. */
    public Optional<String> refusal() {
        return gate == null ? Optional.empty() : gate.refusal(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shard other && other.index == index && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + index;
    }

    @Override
    public String toString() {
        return "Shard[" + name + "#" + index + "]";
    }
}
