package io.shardkit.examples;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingException;
import io.shardkit.directory.DirectoryDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates shardkit's merchant directory table on every shard at start-up, with the DDL sharding-core ships for the
 * shard's own database. The order tables are Flyway migrations ({@code db/orders/{vendor}}), which the starter runs
 * on every shard; the outbox tables come from the starter too ({@code shardkit.outbox.initialize-schema}). The DDL
 * is {@code CREATE ... IF NOT EXISTS}, so a restart against existing databases keeps their rows.
 *
 * <p>Thread-safe; does its work once, when Spring initialises it.
 */
public final class ShardSchema implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(ShardSchema.class);

    private final ShardRegistry registry;
    private final String directoryTable;

    public ShardSchema(ShardRegistry registry, String directoryTable) {
        this.registry = registry;
        this.directoryTable = directoryTable;
    }

    @Override
    public void afterPropertiesSet() {
        for (Shard shard : registry.shards()) {
            String dialect = dialect(shard);
            createDirectory(shard, dialect);
            LOG.info("shard '{}': {} directory table ready", shard.name(), dialect);
        }
    }

    /** The merchant directory's table; created on every shard, so that any of them can be its home. */
    private void createDirectory(Shard shard, String dialect) {
        DirectoryDialect ddl = DirectoryDialect.valueOf(dialect.toUpperCase(Locale.ROOT));
        try (Connection c = shard.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : ddl.statements(directoryTable)) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new ShardingException("shard '" + shard.name() + "': cannot create the directory table ["
                    + directoryTable + "]: " + e.getMessage(), e);
        }
    }

    /** {@code h2}, {@code postgresql} or {@code mariadb}, from the shard's own database. */
    static String dialect(Shard shard) {
        String product;
        try (Connection c = shard.dataSource().getConnection()) {
            product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new ShardingException("shard '" + shard.name() + "': cannot read its database product to "
                    + "create the schema: " + e.getMessage(), e);
        }
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return "mariadb";
        }
        throw new ShardingException("shard '" + shard.name() + "': no schema for database [" + product
                + "]; supported are H2, PostgreSQL and MariaDB");
    }
}
