package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.routing.ShardRoutingDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * A transaction manager on the routing DataSource, for applications that have none. It is a fallback: it runs
 * after Boot's JDBC and JPA transaction auto-configurations (which already put a transaction manager on the
 * primary DataSource, i.e. the routing one) so that it never displaces a {@code JpaTransactionManager}.
 *
 * <p>A transaction opens on the shard bound when it begins; {@code @Sharded} binds before {@code @Transactional}
 * begins, because its interceptor is ordered outside the transaction interceptor.
 */
@AutoConfiguration(after = {ShardkitAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        beforeName = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
@ConditionalOnClass(JdbcTransactionManager.class)
@ConditionalOnBean(ShardRoutingDataSource.class)
public final class ShardkitTransactionAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    JdbcTransactionManager transactionManager(ShardRoutingDataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
