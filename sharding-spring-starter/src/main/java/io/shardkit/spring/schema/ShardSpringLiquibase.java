package io.shardkit.spring.schema;

import io.shardkit.ShardRegistry;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;

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

    ShardSpringLiquibase(SpringLiquibase configured, ShardRegistry registry) {
        this.configured = configured;
        this.registry = registry;
    }

    @Override
    public void afterPropertiesSet() {
        DataSource routing = configured.getDataSource();
        try {
            ShardMigrations.run(registry, "Liquibase", shard -> {
                configured.setDataSource(shard.dataSource());
                configured.afterPropertiesSet();
            });
        } finally {
            configured.setDataSource(routing);
        }
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
