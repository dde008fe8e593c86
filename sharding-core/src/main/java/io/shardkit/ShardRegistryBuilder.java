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
 * Builds a {@link ShardRegistry}. Each shard's index is either given ({@code shard(name, index, ...)}, for every
 * shard: 0..N-1, each once) or, when no shard is given one, the order of the calls. Pools are created in
 * {@link #build()}, not before; when one fails to start, those already created are closed again and the failure
 * names the shard.
 *
 * <p>Not thread-safe.
 */
public final class ShardRegistryBuilder {

    private final Map<String, Object> sources = new LinkedHashMap<>();
    private final Map<String, Integer> indexes = new LinkedHashMap<>();
    private ShardGate.@Nullable Factory gates;

    ShardRegistryBuilder() {
    }

    /** Adds a shard whose HikariCP pool the registry builds (and closes), indexed in the order added. */
    public ShardRegistryBuilder shard(String name, ShardPoolConfig config) {
        return add(name, null, Objects.requireNonNull(config, "config"));
    }

    /** Adds a shard on a DataSource the caller owns (the registry never closes it), indexed in the order added. */
    public ShardRegistryBuilder shard(String name, DataSource dataSource) {
        return add(name, null, Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Adds a shard whose HikariCP pool the registry builds (and closes), at {@code index}. */
    public ShardRegistryBuilder shard(String name, int index, ShardPoolConfig config) {
        return add(name, index, Objects.requireNonNull(config, "config"));
    }

    /** Adds a shard on a DataSource the caller owns (the registry never closes it), at {@code index}. */
    public ShardRegistryBuilder shard(String name, int index, DataSource dataSource) {
        return add(name, index, Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Gives every shard a {@link ShardGate} made by {@code gates} (a layout fence), which admits each connection
     * taken through {@link Shard#dataSource()}. None by default: shards are always open.
     */
    public ShardRegistryBuilder gates(ShardGate.Factory gates) {
        this.gates = Objects.requireNonNull(gates, "gates");
        return this;
    }

    private ShardRegistryBuilder add(String name, @Nullable Integer index, Object source) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new ShardingConfigurationException("shard name must not be blank");
        }
        if (sources.containsKey(name)) {
            throw new ShardingConfigurationException("shard '" + name + "' is added twice");
        }
        if (index != null && index < 0) {
            throw ShardIndexException.negative(name, index);
        }
        sources.put(name, source);
        if (index != null) {
            indexes.put(name, index);
        }
        return this;
    }

    public ShardRegistry build() {
        if (sources.isEmpty()) {
            throw new ShardingConfigurationException("a shard registry needs at least one shard");
        }
        List<String> order = order();
        List<Shard> shards = new ArrayList<>(order.size());
        List<HikariDataSource> owned = new ArrayList<>();
        try {
            for (String name : order) {
                Object source = sources.get(name);
                DataSource ds = source instanceof ShardPoolConfig config
                        ? track(owned, pool(name, config))
                        : (DataSource) Objects.requireNonNull(source, name);
                int index = shards.size();
                shards.add(new Shard(name, index, ds, gates == null ? null : gates.gateOf(name, index)));
            }
        } catch (RuntimeException ex) {
            owned.forEach(HikariDataSource::close);
            throw ex;
        }
        return new DefaultShardRegistry(shards, owned);
    }

    /** Shard names in index order: as given, checked to be 0..N-1 each once, or the order added. */
    private List<String> order() {
        if (indexes.isEmpty()) {
            return List.copyOf(sources.keySet());
        }
        String[] bySlot = new String[sources.size()];
        for (String name : sources.keySet()) {
            Integer index = indexes.get(name);
            if (index == null) {
                throw ShardIndexException.missing(name, indexes);
            }
            if (index >= bySlot.length) {
                throw ShardIndexException.gap(firstAbsent(), indexes);
            }
            if (bySlot[index] != null) {
                throw ShardIndexException.duplicate(bySlot[index], name, index, indexes);
            }
            bySlot[index] = name;
        }
        return List.of(bySlot);
    }

    private int firstAbsent() {
        int absent = 0;
        while (indexes.containsValue(absent)) {
            absent++;
        }
        return absent;
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
        // Evicts a connection whose server went away at the failing call, not only on SQLSTATE 08 (H2, MariaDB).
        hc.setExceptionOverride(ConnectionLoss.hikariOverride());
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
