package io.shardkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to build one shard's HikariCP pool. Immutable; build it with {@link #custom()}, whose setters check
 * their value at once.
 *
 * <p>The defaults favour failing fast over waiting: a shard that is down costs its callers
 * {@link #DEFAULT_CONNECTION_TIMEOUT} rather than Hikari's 30 seconds, and by default a shard that is down at
 * start-up does not stop the application from starting ({@link #DEFAULT_FAIL_ON_STARTUP}): its callers get
 * {@link ShardUnavailableException} until it is back.
 *
 * <p>Thread-safe.
 */
public final class ShardPoolConfig {

    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    public static final boolean DEFAULT_FAIL_ON_STARTUP = false;

    private final String url;
    private final @Nullable String username;
    private final @Nullable String password;
    private final @Nullable String driverClassName;
    private final int maximumPoolSize;
    private final int minimumIdle;
    private final Duration connectionTimeout;
    private final Duration validationTimeout;
    private final boolean failOnStartup;
    private final Map<String, String> dataSourceProperties;

    private ShardPoolConfig(Builder b) {
        this.url = Objects.requireNonNull(b.url, "url");
        this.username = b.username;
        this.password = b.password;
        this.driverClassName = b.driverClassName;
        this.maximumPoolSize = b.maximumPoolSize;
        this.minimumIdle = b.minimumIdle < 0 ? b.maximumPoolSize : b.minimumIdle;
        this.connectionTimeout = b.connectionTimeout;
        this.validationTimeout = b.validationTimeout;
        this.failOnStartup = b.failOnStartup;
        this.dataSourceProperties = Map.copyOf(b.dataSourceProperties);
    }

    public static Builder custom() {
        return new Builder();
    }

    public String url() {
        return url;
    }

    public @Nullable String username() {
        return username;
    }

    public @Nullable String password() {
        return password;
    }

    public @Nullable String driverClassName() {
        return driverClassName;
    }

    public int maximumPoolSize() {
        return maximumPoolSize;
    }

    public int minimumIdle() {
        return minimumIdle;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration validationTimeout() {
        return validationTimeout;
    }

    public boolean failOnStartup() {
        return failOnStartup;
    }

    public Map<String, String> dataSourceProperties() {
        return dataSourceProperties;
    }

    @Override
    public String toString() {
        // No password: this string ends up in logs.
        return "ShardPoolConfig[url=" + url + ", username=" + username + ", maximumPoolSize=" + maximumPoolSize
                + ", connectionTimeout=" + connectionTimeout + "]";
    }

    /** Builder for {@link ShardPoolConfig}; not thread-safe. */
    public static final class Builder {
        private @Nullable String url;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable String driverClassName;
        private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
        private int minimumIdle = -1;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration validationTimeout = DEFAULT_VALIDATION_TIMEOUT;
        private boolean failOnStartup = DEFAULT_FAIL_ON_STARTUP;
        private final Map<String, String> dataSourceProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** JDBC url of the shard; required. */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:")) {
                throw new ShardingConfigurationException("url must be a JDBC url starting with 'jdbc:' but was [" + url
                        + "]");
            }
            this.url = url;
            return this;
        }

        public Builder username(@Nullable String username) {
            this.username = username;
            return this;
        }

        public Builder password(@Nullable String password) {
            this.password = password;
            return this;
        }

        /** JDBC driver class; optional, the driver is found from the url by default. */
        public Builder driverClassName(@Nullable String driverClassName) {
            this.driverClassName = driverClassName;
            return this;
        }

        /** Most connections the shard's pool holds; default {@value #DEFAULT_MAXIMUM_POOL_SIZE}. */
        public Builder maximumPoolSize(int maximumPoolSize) {
            if (maximumPoolSize < 1) {
                throw new ShardingConfigurationException("maximumPoolSize must be >= 1 but was " + maximumPoolSize);
            }
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        /** Idle connections kept; default equal to the maximum pool size (a fixed-size pool, as Hikari advises). */
        public Builder minimumIdle(int minimumIdle) {
            if (minimumIdle < 0) {
                throw new ShardingConfigurationException("minimumIdle must be >= 0 but was " + minimumIdle);
            }
            this.minimumIdle = minimumIdle;
            return this;
        }

        /** Longest a caller waits for a connection before {@link ShardUnavailableException}; at least 250 ms. */
        public Builder connectionTimeout(Duration connectionTimeout) {
            Objects.requireNonNull(connectionTimeout, "connectionTimeout");
            if (connectionTimeout.toMillis() < 250) {
                throw new ShardingConfigurationException("connectionTimeout must be >= 250ms (HikariCP's minimum) "
                        + "but was " + connectionTimeout.toMillis() + "ms");
            }
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        /** Longest a connection liveness check may take; at least 250 ms. */
        public Builder validationTimeout(Duration validationTimeout) {
            Objects.requireNonNull(validationTimeout, "validationTimeout");
            if (validationTimeout.toMillis() < 250) {
                throw new ShardingConfigurationException("validationTimeout must be >= 250ms (HikariCP's minimum) "
                        + "but was " + validationTimeout.toMillis() + "ms");
            }
            this.validationTimeout = validationTimeout;
            return this;
        }

        /** Whether an unreachable shard fails the registry's construction; default {@code false}. */
        public Builder failOnStartup(boolean failOnStartup) {
            this.failOnStartup = failOnStartup;
            return this;
        }

        /** A driver-specific property (e.g. {@code cachePrepStmts}). */
        public Builder dataSourceProperty(String name, String value) {
            dataSourceProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public ShardPoolConfig build() {
            if (url == null) {
                throw new ShardingConfigurationException("url is required");
            }
            if (minimumIdle > maximumPoolSize) {
                throw new ShardingConfigurationException("minimumIdle (" + minimumIdle
                        + ") must not exceed maximumPoolSize (" + maximumPoolSize + ")");
            }
            return new ShardPoolConfig(this);
        }
    }
}
