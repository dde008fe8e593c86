package io.shardkit;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * One shard: its name, its position in the {@link ShardRegistry} (0-based, in registration order) and the
 * DataSource that hands out its connections.
 *
 * <p>Immutable and thread-safe. Two shards are equal when name and index are equal.
 */
public final class Shard {

    private final String name;
    private final int index;
    private final DataSource dataSource;

    public Shard(String name, int index, DataSource dataSource) {
        this.name = Objects.requireNonNull(name, "name");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0 but was " + index);
        }
        this.index = index;
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public DataSource dataSource() {
        return dataSource;
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
