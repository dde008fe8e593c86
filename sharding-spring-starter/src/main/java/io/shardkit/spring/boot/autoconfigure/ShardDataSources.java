package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Shards whose DataSources the application builds itself, declared as one bean:
 *
 * <pre>{@code
 * @Bean
 * ShardDataSources shardDataSources(DataSource reportingReplica) {
 *     return ShardDataSources.builder().shard("shard-2", reportingReplica).build();
 * }
 * }</pre>
 *
 * <p>These shards join those of {@code shardkit.shards.*}, after them, in the order added; a name may be used
 * once across both. The application keeps owning these DataSources: shardkit never closes them. Rules see them
 * like any other shard (list them in {@code shardkit.rules.<name>.shards} to control their slot).
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardDataSources {

    private static final ShardDataSources NONE = new ShardDataSources(Map.of());

    private final Map<String, DataSource> dataSources;

    private ShardDataSources(Map<String, DataSource> dataSources) {
        this.dataSources = dataSources;
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

    @Override
    public String toString() {
        return "ShardDataSources" + dataSources.keySet();
    }

    /** Builder for {@link ShardDataSources}; not thread-safe. */
    public static final class Builder {
        private final Map<String, DataSource> dataSources = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a shard named {@code name} on {@code dataSource}; a name may be added once. */
        public Builder shard(String name, DataSource dataSource) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dataSource, "dataSource");
            if (name.isBlank()) {
                throw new ShardingConfigurationException("shard name must not be blank");
            }
            if (dataSources.putIfAbsent(name, dataSource) != null) {
                throw new ShardingConfigurationException("ShardDataSources: shard '" + name + "' is added twice");
            }
            return this;
        }

        public ShardDataSources build() {
            return new ShardDataSources(Collections.unmodifiableMap(new LinkedHashMap<>(dataSources)));
        }
    }
}
