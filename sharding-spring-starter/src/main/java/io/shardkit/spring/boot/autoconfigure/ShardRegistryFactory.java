package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardGate;
import io.shardkit.ShardIndexException;
import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;

/**
 * Builds the {@link ShardRegistry} from the declared shards ({@link ShardDeclarations}: {@code shardkit.shards.*}
 * and the {@link ShardDataSources} bean) and the {@link ShardPoolCustomizer}s, gated by the layout fence. Pool
 * settings are applied one by one so that a refused value names its property.
 *
 * <p>Stateless and thread-safe.
 */
final class ShardRegistryFactory {

    private ShardRegistryFactory() {
    }

    /**
     * @param sources the property sources, for other spellings of shard names and where an entry came from
     * @param fence   gates every shard until its database checked out (and its deferred migrations ran); {@code null}
     *                when nothing gates
     */
    static ShardRegistry create(ShardkitProperties properties, Iterable<ConfigurationPropertySource> sources,
                                ShardDataSources own, List<ShardPoolCustomizer> customizers,
                                ShardGate.@Nullable Factory fence) {
        List<ShardDeclarations.Declared> declared = ShardDeclarations.resolve(properties, sources, own);
        Set<String> names = new LinkedHashSet<>();
        declared.forEach(d -> names.add(d.name()));
        ShardkitPropertiesValidator.validate(properties, names);
        ShardRegistryBuilder builder = ShardRegistry.builder();
        if (fence != null) {
            builder.gates(fence);
        }
        for (ShardDeclarations.Declared d : declared) {
            int index = d.index() == null ? 0 : d.index();
            ConfigPath path = ConfigPath.shard(d.name()).child("index");
            if (d.own() != null) {
                path.at(() -> builder.shard(d.name(), index, Objects.requireNonNull(d.own())));
            } else {
                ShardPoolConfig config = poolConfig(d.name(), Objects.requireNonNull(d.properties()), customizers);
                path.at(() -> builder.shard(d.name(), index, config));
            }
        }
        try {
            return builder.build();
        } catch (ShardIndexException ex) {
            throw ConfigPath.SHARDKIT.child("shards").fail(ex.getMessage(), ShardDeclarations.indexLines(declared),
                    ex);
        }
    }

    static ShardPoolConfig poolConfig(String name, ShardProperties shard, List<ShardPoolCustomizer> customizers) {
        ConfigPath path = ConfigPath.shard(name);
        ConfigPath pool = path.child("pool");
        ShardProperties.Pool settings = shard.getPool();
        ShardPoolConfig.Builder b = ShardPoolConfig.custom()
                .username(shard.getUsername())
                .password(shard.getPassword())
                .driverClassName(shard.getDriverClassName())
                .failOnStartup(shard.isFailOnStartup());
        path.child("url").at(() -> b.url(String.valueOf(shard.getUrl())));
        pool.child("maximum-pool-size").at(() -> b.maximumPoolSize(settings.getMaximumPoolSize()));
        Integer minimumIdle = settings.getMinimumIdle();
        if (minimumIdle != null) {
            pool.child("minimum-idle").at(() -> b.minimumIdle(minimumIdle));
        }
        pool.child("connection-timeout").at(() -> b.connectionTimeout(settings.getConnectionTimeout()));
        pool.child("validation-timeout").at(() -> b.validationTimeout(settings.getValidationTimeout()));
        settings.getDataSourceProperties().forEach(b::dataSourceProperty);
        for (ShardPoolCustomizer customizer : customizers) {
            customizer.customize(name, b);
        }
        return pool.at(b::build);
    }
}
