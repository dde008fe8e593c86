package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Shards whose DataSources the application builds itself, declared as one bean, each with its index:
 *
 * <pre>{@code
 * @Bean
 * ShardDataSources shardDataSources(DataSource reportingReplica) {
 *     return ShardDataSources.builder().shard("shard-2", 2, reportingReplica).build();
 * }
 * }</pre>
 *
 * <p>These shards join those of {@code shardkit.shards.*}; together they take the indexes 0..N-1, each once (an
 * index is the shard's slot in every rule over all shards, so it is written, never inferred). A name may be used
 * once across both. The application keeps owning these DataSources: shardkit never closes them.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardDataSources {

    private static final ShardDataSources NONE = new ShardDataSources(Map.of(), Map.of());

    private final Map<String, DataSource> dataSources;
    private final Map<String, Integer> indexes;

    private ShardDataSources(Map<String, DataSource> dataSources, Map<String, Integer> indexes) {
        this.dataSources = dataSources;
        this.indexes = indexes;
    }

    /** No shards of the application's own. */
    public static ShardDataSources none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The DataSources by shard name, in the order added. */
    public Map<String, DataSource> asMap() {
        return dataSources;
    }

    /** The index given to shard {@code name}. */
    public int indexOf(String name) {
        Integer index = indexes.get(name);
        if (index == null) {
            throw new IllegalArgumentException("ShardDataSources has no shard '" + name + "'");
        }
        return index;
    }

    @Override
    public String toString() {
        return "ShardDataSources" + indexes;
    }

    /** Builder for {@link ShardDataSources}; not thread-safe. */
    public static final class Builder {
        private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
        private final Map<String, Integer> indexes = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds shard {@code name} at {@code index} on {@code dataSource}; a name may be added once. */
        public Builder shard(String name, int index, DataSource dataSource) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dataSource, "dataSource");
            if (name.isBlank()) {
                throw new ShardingConfigurationException("shard name must not be blank");
            }
            if (index < 0) {
                throw new ShardingConfigurationException("ShardDataSources: shard '" + name + "' has index " + index
                        + "; indexes start at 0");
            }
            if (dataSources.putIfAbsent(name, dataSource) != null) {
                throw new ShardingConfigurationException("ShardDataSources: shard '" + name + "' is added twice");
            }
            indexes.put(name, index);
            return this;
        }

        public ShardDataSources build() {
            return new ShardDataSources(Collections.unmodifiableMap(new LinkedHashMap<>(dataSources)),
                    Map.copyOf(indexes));
        }
    }
}
