package io.shardkit.spring.schema;

import io.shardkit.ShardRegistry;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.jspecify.annotations.Nullable;

/**
 * Boot's {@link SpringLiquibase} bean, run once per shard: the configured bean (every {@code spring.liquibase.*}
 * setting and customizer) is pointed at each shard's DataSource in turn, in shard order, so each shard keeps its
 * own {@code databasechangelog}; it answers the routing DataSource again afterwards, which is how Boot knows the
 * schema is managed. Made by {@link ShardLiquibaseBeanPostProcessor}.
 *
 * <p>Runs once, when Spring initialises it; not for concurrent use.
 */
public final class ShardSpringLiquibase extends SpringLiquibase {

    private final SpringLiquibase configured;
    private final ShardRegistry registry;
    private final @Nullable DeferredMigrations deferred;

    ShardSpringLiquibase(SpringLiquibase configured, ShardRegistry registry, @Nullable DeferredMigrations deferred) {
        this.configured = configured;
        this.registry = registry;
        this.deferred = deferred;
    }

    @Override
    public void afterPropertiesSet() {
        DataSource routing = configured.getDataSource();
        ShardMigrations.run(registry, "Liquibase", shard -> {
            // Also when a deferred run comes later: the bean answers the routing DataSource again afterwards.
            synchronized (configured) {
                try {
                    configured.setDataSource(shard.dataSource());
                    configured.afterPropertiesSet();
                } finally {
                    configured.setDataSource(routing);
                }
            }
        }, deferred);
    }

    @Override
    public DataSource getDataSource() {
        return configured.getDataSource();
    }

    @Override
    public String getChangeLog() {
        return configured.getChangeLog();
    }

    @Override
    public String toString() {
        return "ShardSpringLiquibase[" + configured + "]";
    }
}
