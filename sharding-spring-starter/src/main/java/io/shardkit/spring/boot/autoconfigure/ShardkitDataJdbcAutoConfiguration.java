package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.entity.ShardGuard;
import io.shardkit.spring.jdbc.ShardKeyCheckingCallback;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;

/**
 * Spring Data JDBC on the shards. Its dialect is detected from the shards themselves (the routing DataSource answers
 * metadata with no shard bound), so no {@code spring.data.jdbc.dialect} is needed; repositories run on the bound
 * shard like any JdbcTemplate code. This adds the check that an aggregate root carrying a shard key is written only
 * on the shard its key routes to ({@link ShardKeyCheckingCallback}).
 */
@AutoConfiguration(after = ShardkitEntityGuardAutoConfiguration.class)
@ConditionalOnClass(BeforeConvertCallback.class)
@ConditionalOnBean(ShardGuard.class)
public final class ShardkitDataJdbcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ShardKeyCheckingCallback shardKeyCheckingCallback(ShardGuard guard) {
        return new ShardKeyCheckingCallback(guard);
    }
}
