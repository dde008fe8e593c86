package io.shardkit.directory;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.internal.SqlNames;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DirectoryStrategy} reads and fills its table: the table name, the cache in front of it and the
 * policy that places keys the table does not hold yet. Immutable; build it with {@link #custom()} or
 * {@link #from(DirectoryConfig)}, whose setters check their value at once, or take {@link #ofDefaults()}.
 *
 * <p>The cache TTL bounds how long another node keeps routing a moved key to its old shard: a
 * {@link DirectoryStrategy#move move} invalidates only the cache of the instance it runs on.
 *
 * <p>Thread-safe.
 */
public final class DirectoryConfig {

    /** Default table name; the shipped DDL creates it. */
    public static final String DEFAULT_TABLE_NAME = "shard_directory";
    /** Default most keys the cache holds. */
    public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 100_000;
    /** Default time a cached key -> shard entry lives after it was read. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

    private static final DirectoryConfig DEFAULTS = custom().build();

    private final String tableName;
    private final long cacheMaximumSize;
    private final Duration cacheTtl;
    private final PlacementPolicy placementPolicy;

    private DirectoryConfig(Builder b) {
        this.tableName = b.tableName;
        this.cacheMaximumSize = b.cacheMaximumSize;
        this.cacheTtl = b.cacheTtl;
        this.placementPolicy = b.placementPolicy;
    }

    /** The defaults: table {@value #DEFAULT_TABLE_NAME}, hash placement, 100,000 keys cached for 5 minutes. */
    public static DirectoryConfig ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from {@code base}. */
    public static Builder from(DirectoryConfig base) {
        Objects.requireNonNull(base, "base");
        return new Builder().tableName(base.tableName).cacheMaximumSize(base.cacheMaximumSize)
                .cacheTtl(base.cacheTtl).placementPolicy(base.placementPolicy);
    }

    public String tableName() {
        return tableName;
    }

    public long cacheMaximumSize() {
        return cacheMaximumSize;
    }

    public Duration cacheTtl() {
        return cacheTtl;
    }

    public PlacementPolicy placementPolicy() {
        return placementPolicy;
    }

    @Override
    public String toString() {
        return "DirectoryConfig[table=" + tableName + ", cacheMaximumSize=" + cacheMaximumSize + ", cacheTtl="
                + cacheTtl + ", placementPolicy=" + placementPolicy + "]";
    }

    /** Builder for {@link DirectoryConfig}; not thread-safe. */
    public static final class Builder {
        private String tableName = DEFAULT_TABLE_NAME;
        private long cacheMaximumSize = DEFAULT_CACHE_MAXIMUM_SIZE;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private PlacementPolicy placementPolicy = PlacementPolicy.hash();

        private Builder() {
        }

        /**
         * The directory table, optionally schema-qualified ({@code directory.merchants}); default
         * {@value #DEFAULT_TABLE_NAME}. Letters, digits and underscores only: the name is written into SQL.
         */
        public Builder tableName(String tableName) {
            Objects.requireNonNull(tableName, "tableName");
            if (!SqlNames.isTableName(tableName)) {
                throw new ShardingConfigurationException("tableName must be an unquoted SQL identifier (letters,"
                        + " digits, underscores, optionally schema.table) but was [" + tableName + "]");
            }
            this.tableName = tableName;
            return this;
        }

        /** Most keys cached; at least 1; default {@value #DEFAULT_CACHE_MAXIMUM_SIZE}. */
        public Builder cacheMaximumSize(long cacheMaximumSize) {
            if (cacheMaximumSize < 1) {
                throw new ShardingConfigurationException("cacheMaximumSize must be >= 1 but was " + cacheMaximumSize);
            }
            this.cacheMaximumSize = cacheMaximumSize;
            return this;
        }

        /** How long a cached entry lives after it was read from the table; positive; default 5 minutes. */
        public Builder cacheTtl(Duration cacheTtl) {
            Objects.requireNonNull(cacheTtl, "cacheTtl");
            if (cacheTtl.isZero() || cacheTtl.isNegative()) {
                throw new ShardingConfigurationException("cacheTtl must be positive but was " + cacheTtl);
            }
            this.cacheTtl = cacheTtl;
            return this;
        }

        /** Where keys the table does not hold yet go; default {@link PlacementPolicy#hash()}. */
        public Builder placementPolicy(PlacementPolicy placementPolicy) {
            this.placementPolicy = Objects.requireNonNull(placementPolicy, "placementPolicy");
            return this;
        }

        public DirectoryConfig build() {
            return new DirectoryConfig(this);
        }
    }
}
