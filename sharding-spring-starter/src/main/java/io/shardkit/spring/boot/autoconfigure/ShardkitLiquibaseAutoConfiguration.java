package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.spring.schema.DeferredMigrations;
import io.shardkit.spring.schema.ShardLiquibaseBeanPostProcessor;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Liquibase on every shard: Boot still builds its {@link SpringLiquibase} bean from {@code spring.liquibase.*}, and
 * shardkit runs it on each shard in shard order, each shard with its own {@code databasechangelog}
 * ({@link ShardLiquibaseBeanPostProcessor}). A shard whose changelog fails, or that cannot be reached, fails the
 * start naming it.
 */
@AutoConfiguration(after = ShardkitAutoConfiguration.class, before = LiquibaseAutoConfiguration.class)
@ConditionalOnClass({SpringLiquibase.class, LiquibaseAutoConfiguration.class})
public final class ShardkitLiquibaseAutoConfiguration {

    @Bean
    static ShardLiquibaseBeanPostProcessor shardLiquibaseBeanPostProcessor(ObjectProvider<ShardRegistry> registry,
                                                                           ObjectProvider<DeferredMigrations> deferred) {
        return new ShardLiquibaseBeanPostProcessor(registry, deferred);
    }
}
