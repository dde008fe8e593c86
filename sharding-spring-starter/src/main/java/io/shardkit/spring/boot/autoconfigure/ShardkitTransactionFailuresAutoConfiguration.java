package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.aop.TransactionFailuresAdvisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.transaction.TransactionException;

/**
 * Typed failures through plain {@code @Transactional} methods ({@link TransactionFailuresAdvisor}): a transaction
 * that cannot begin on the routing DataSource because nothing is bound fails with {@code NoShardBoundException}
 * naming the method, one whose shard is down with {@code ShardUnavailableException}, instead of Spring's
 * {@code CannotCreateTransactionException} wrapping them. Spring's transaction auto-proxy creator applies it, as
 * it applies the transaction advice itself.
 */
@AutoConfiguration(after = ShardkitAutoConfiguration.class)
@ConditionalOnClass(TransactionException.class)
@ConditionalOnBean(ShardRoutingDataSource.class)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public final class ShardkitTransactionFailuresAutoConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static TransactionFailuresAdvisor shardkitTransactionFailuresAdvisor() {
        return new TransactionFailuresAdvisor();
    }
}
