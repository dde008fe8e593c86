package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.ShardingConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the {@link ShardRegistry} from {@code shardkit.shards.*}, the {@link ShardDataSources} bean and the
 * {@link ShardPoolCustomizer}s. Pool settings are applied one by one so that a refused value names its property.
 *
 * <p>Stateless and thread-safe.
 */
final class ShardRegistryFactory {

    private ShardRegistryFactory() {
    }

    static ShardRegistry create(ShardkitProperties properties, ShardDataSources own,
                                List<ShardPoolCustomizer> customizers) {
        ShardkitPropertiesValidator.validate(properties, own.asMap().keySet());
        ShardRegistryBuilder builder = ShardRegistry.builder();
        for (Map.Entry<String, ShardProperties> e : properties.getShards().entrySet()) {
            builder.shard(e.getKey(), poolConfig(e.getKey(), e.getValue(), customizers));
        }
        own.asMap().forEach(builder::shard);
        return builder.build();
    }

    static ShardPoolConfig poolConfig(String name, ShardProperties shard, List<ShardPoolCustomizer> customizers) {
        String path = ShardkitPropertiesValidator.shardPath(name);
        ShardProperties.Pool pool = shard.getPool();
        ShardPoolConfig.Builder b = ShardPoolConfig.custom()
                .username(shard.getUsername())
                .password(shard.getPassword())
                .driverClassName(shard.getDriverClassName())
                .failOnStartup(shard.isFailOnStartup());
        at(path + ".url", () -> b.url(String.valueOf(shard.getUrl())));
        at(path + ".pool.maximum-pool-size", () -> b.maximumPoolSize(pool.getMaximumPoolSize()));
        Integer minimumIdle = pool.getMinimumIdle();
        if (minimumIdle != null) {
            at(path + ".pool.minimum-idle", () -> b.minimumIdle(minimumIdle));
        }
        at(path + ".pool.connection-timeout", () -> b.connectionTimeout(pool.getConnectionTimeout()));
        at(path + ".pool.validation-timeout", () -> b.validationTimeout(pool.getValidationTimeout()));
        pool.getDataSourceProperties().forEach(b::dataSourceProperty);
        for (ShardPoolCustomizer customizer : customizers) {
            customizer.customize(name, b);
        }
        return at(path + ".pool", b::build);
    }

    /** Runs {@code step}, re-raising a configuration failure with the property path it came from. */
    static <T> T at(String property, Supplier<T> step) {
        try {
            return step.get();
        } catch (ShardingConfigurationException ex) {
            if (ex.getProperty() != null) {
                throw ex;
            }
            throw new ShardingConfigurationException(property, ex.getMessage(), ex);
        }
    }
}
