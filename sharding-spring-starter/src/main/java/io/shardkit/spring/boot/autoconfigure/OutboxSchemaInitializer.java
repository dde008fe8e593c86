package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.outbox.OutboxException;
import io.shardkit.outbox.OutboxLayout;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.spring.boot.autoconfigure.OutboxProperties.SchemaInitialization;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;

/**
 * Creates the outbox tables on the shards {@code shardkit.outbox.initialize-schema} selects, with the DDL the
 * core ships ({@link OutboxSchema}), when Spring initialises it: before the writer and the relay exist, so both
 * find their tables. The DDL is idempotent, so existing rows survive a restart.
 *
 * <p>The shipped DDL creates the table {@code outbox}; with another table name nothing is created, and the start
 * fails if a shard would have needed it, rather than leave the writer without its table.
 *
 * <p>Thread-safe; does its work once.
 */
final class OutboxSchemaInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxSchemaInitializer.class);

    private final ShardRegistry registry;
    private final SchemaInitialization mode;
    private final String table;
    private final OutboxLayout layout;

    OutboxSchemaInitializer(ShardRegistry registry, SchemaInitialization mode, String table, OutboxLayout layout) {
        this.registry = registry;
        this.mode = mode;
        this.table = table;
        this.layout = layout;
    }

    @Override
    public void afterPropertiesSet() {
        List<Shard> shards = selected();
        if (shards.isEmpty()) {
            return;
        }
        if (!layout.defaultTable().equals(table)) {
            throw new ShardingConfigurationException(OutboxProperties.PREFIX + ".initialize-schema", "is "
                    + ShardkitPropertiesValidator.lower(mode) + " but the shipped DDL creates table '"
                    + layout.defaultTable() + "', not [" + table + "]; set it to never and create [" + table
                    + (layout == OutboxLayout.SHARDKIT ? "] and [" + table + "_lock" : "") + "] on shards "
                    + names(shards) + " after the shipped DDL", null);
        }
        for (Shard shard : shards) {
            try {
                OutboxSchema.create(shard.dataSource(), layout);
            } catch (OutboxException ex) {
                throw new OutboxException(shard.name(), "could not create the outbox tables ("
                        + OutboxProperties.PREFIX + ".initialize-schema=" + ShardkitPropertiesValidator.lower(mode)
                        + "): " + ex.getMessage(), ex);
            }
            log.info("shardkit: shard '{}': outbox tables ready", shard.name());
        }
    }

    private List<Shard> selected() {
        List<Shard> shards = new ArrayList<>();
        for (Shard shard : registry.shards()) {
            if (mode == SchemaInitialization.ALWAYS || mode == SchemaInitialization.EMBEDDED
                    && EmbeddedDatabaseConnection.isEmbedded(shard.dataSource())) {
                shards.add(shard);
            }
        }
        return shards;
    }

    private static List<String> names(List<Shard> shards) {
        return shards.stream().map(Shard::name).toList();
    }
}
