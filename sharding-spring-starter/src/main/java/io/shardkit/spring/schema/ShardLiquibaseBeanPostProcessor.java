package io.shardkit.spring.schema;

import io.shardkit.ShardRegistry;
import io.shardkit.routing.ShardRoutingDataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Turns a {@link SpringLiquibase} bean on the routing DataSource (Boot's, from {@code spring.liquibase.*}) into a
 * {@link ShardSpringLiquibase} that runs it on every shard, before it would run once on the routing DataSource
 * (where it could not). A {@code SpringLiquibase} on a DataSource of its own is left alone.
 *
 * <p>Thread-safe.
 */
public final class ShardLiquibaseBeanPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<ShardRegistry> registry;
    private final @Nullable ObjectProvider<DeferredMigrations> deferred;

    public ShardLiquibaseBeanPostProcessor(ObjectProvider<ShardRegistry> registry) {
        this(registry, null);
    }

    /** @param deferred where a shard unreachable at start-up waits for its changelog, when that bean exists */
    public ShardLiquibaseBeanPostProcessor(ObjectProvider<ShardRegistry> registry,
                                           @Nullable ObjectProvider<DeferredMigrations> deferred) {
        this.registry = registry;
        this.deferred = deferred;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof SpringLiquibase liquibase && !(bean instanceof ShardSpringLiquibase)
                && liquibase.getDataSource() instanceof ShardRoutingDataSource) {
            return new ShardSpringLiquibase(liquibase, registry.getObject(),
                    deferred == null ? null : deferred.getIfAvailable());
        }
        return bean;
    }
}
