package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardPoolConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One shard under {@code shardkit.shards.<name>}: where its database is, its index and how its HikariCP pool is
 * sized. Defaults are those of {@link ShardPoolConfig}.
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
public class ShardProperties {

    /** JDBC url of the shard's database, for example jdbc:postgresql://db0:5432/orders. Required. */
    private @Nullable String url;

    /**
     * The shard's index, 0 to N-1 and each once: its slot in every rule that names no shard list, part of the
     * persisted mapping. Required when there is more than one shard; never change it once rows are written.
     */
    private @Nullable Integer index;

    /** Database user. */
    private @Nullable String username;

    /** Database password. */
    private @Nullable String password;

    /** JDBC driver class; by default the driver is found from the url. */
    private @Nullable String driverClassName;

    /**
     * Whether a shard that cannot be reached at start-up fails the start. By default the application starts and
     * the shard's callers get a ShardUnavailableException until it is back (and has passed the layout check).
     */
    private boolean failOnStartup = ShardPoolConfig.DEFAULT_FAIL_ON_STARTUP;

    /** The shard's connection pool. */
    private final Pool pool = new Pool();

    public @Nullable String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable Integer getIndex() {
        return index;
    }

    public void setIndex(@Nullable Integer index) {
        this.index = index;
    }

    public @Nullable String getUsername() {
        return username;
    }

    public void setUsername(@Nullable String username) {
        this.username = username;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public @Nullable String getDriverClassName() {
        return driverClassName;
    }

    public void setDriverClassName(@Nullable String driverClassName) {
        this.driverClassName = driverClassName;
    }

    public boolean isFailOnStartup() {
        return failOnStartup;
    }

    public void setFailOnStartup(boolean failOnStartup) {
        this.failOnStartup = failOnStartup;
    }

    public Pool getPool() {
        return pool;
    }

    /** HikariCP pool settings of one shard ({@code shardkit.shards.<name>.pool.*}). */
    public static class Pool {

        /** Most connections the pool holds. */
        private int maximumPoolSize = ShardPoolConfig.DEFAULT_MAXIMUM_POOL_SIZE;

        /** Idle connections kept; by default equal to the maximum pool size (a fixed-size pool). */
        private @Nullable Integer minimumIdle;

        /** Longest a caller waits for a connection before the shard counts as unavailable; at least 250ms. */
        private Duration connectionTimeout = ShardPoolConfig.DEFAULT_CONNECTION_TIMEOUT;

        /** Longest a connection liveness check may take; at least 250ms. */
        private Duration validationTimeout = ShardPoolConfig.DEFAULT_VALIDATION_TIMEOUT;

        /** Driver-specific properties handed to the DataSource, for example cachePrepStmts: true. */
        private Map<String, String> dataSourceProperties = new LinkedHashMap<>();

        public int getMaximumPoolSize() {
            return maximumPoolSize;
        }

        public void setMaximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
        }

        public @Nullable Integer getMinimumIdle() {
            return minimumIdle;
        }

        public void setMinimumIdle(@Nullable Integer minimumIdle) {
            this.minimumIdle = minimumIdle;
        }

        public Duration getConnectionTimeout() {
            return connectionTimeout;
        }

        public void setConnectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
        }

        public Duration getValidationTimeout() {
            return validationTimeout;
        }

        public void setValidationTimeout(Duration validationTimeout) {
            this.validationTimeout = validationTimeout;
        }

        public Map<String, String> getDataSourceProperties() {
            return dataSourceProperties;
        }

        public void setDataSourceProperties(Map<String, String> dataSourceProperties) {
            this.dataSourceProperties = dataSourceProperties;
        }
    }
}
