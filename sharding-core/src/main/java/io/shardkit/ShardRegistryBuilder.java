package io.shardkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ShardRegistry}. Pools are created in {@link #build()}, not before; when one fails to start,
 * those already created are closed again and the failure names the shard.
 *
 * <p>Not thread-safe.
 */
public final class ShardRegistryBuilder {

    private final Map<String, Object> sources = new LinkedHashMap<>();

    ShardRegistryBuilder() {
    }

    /** Adds a shard whose HikariCP pool the registry builds (and closes). */
    public ShardRegistryBuilder shard(String name, ShardPoolConfig config) {
        return add(name, Objects.requireNonNull(config, "config"));
    }

    /** Adds a shard on a DataSource the caller owns (the registry never closes it). */
    public ShardRegistryBuilder shard(String name, DataSource dataSource) {
        return add(name, Objects.requireNonNull(dataSource, "dataSource"));
    }

    private ShardRegistryBuilder add(String name, Object source) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new ShardingConfigurationException("shard name must not be blank");
        }
        if (sources.containsKey(name)) {
            throw new ShardingConfigurationException("shard '" + name + "' is added twice");
        }
        sources.put(name, source);
        return this;
    }

    public ShardRegistry build() {
        if (sources.isEmpty()) {
            throw new ShardingConfigurationException("a shard registry needs at least one shard");
        }
        List<Shard> shards = new ArrayList<>(sources.size());
        List<HikariDataSource> owned = new ArrayList<>();
        try {
            for (Map.Entry<String, Object> e : sources.entrySet()) {
                DataSource ds = e.getValue() instanceof ShardPoolConfig config
                        ? track(owned, pool(e.getKey(), config))
                        : (DataSource) e.getValue();
                shards.add(new Shard(e.getKey(), shards.size(), ds));
            }
        } catch (RuntimeException ex) {
            owned.forEach(HikariDataSource::close);
            throw ex;
        }
        return new DefaultShardRegistry(shards, owned);
    }

    private static DataSource track(List<HikariDataSource> owned, HikariDataSource pool) {
        owned.add(pool);
        return pool;
    }

    private static HikariDataSource pool(String shard, ShardPoolConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(shard);
        hc.setJdbcUrl(config.url());
        setIfPresent(config.username(), hc::setUsername);
        setIfPresent(config.password(), hc::setPassword);
        setIfPresent(config.driverClassName(), hc::setDriverClassName);
        hc.setMaximumPoolSize(config.maximumPoolSize());
        hc.setMinimumIdle(config.minimumIdle());
        hc.setConnectionTimeout(config.connectionTimeout().toMillis());
        hc.setValidationTimeout(config.validationTimeout().toMillis());
        // 1 = try once and fail the build; -1 = start anyway, the pool keeps trying in the background.
        hc.setInitializationFailTimeout(config.failOnStartup() ? 1 : -1);
        config.dataSourceProperties().forEach(hc::addDataSourceProperty);
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException ex) {
            throw new ShardUnavailableException(shard, "its pool could not start (" + config + "): " + ex.getMessage(),
                    ex);
        }
    }

    private static void setIfPresent(@Nullable String value, java.util.function.Consumer<String> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
