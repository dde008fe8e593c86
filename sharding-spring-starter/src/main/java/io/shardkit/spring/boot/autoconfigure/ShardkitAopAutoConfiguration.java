package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingRules;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.aop.AnnotatedMethodsCheck;
import io.shardkit.spring.aop.MethodRouting;
import io.shardkit.spring.aop.SelfInvocationMode;
import io.shardkit.spring.aop.ShardedAdvisor;
import io.shardkit.spring.aop.ShardedMethodInterceptor;
import io.shardkit.spring.aop.ShardkitAdvisor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@code @Sharded} advisor ({@link ShardedMethodInterceptor} at {@link ShardedMethodInterceptor#DEFAULT_ORDER},
 * outside the transaction interceptor), the {@link MethodRouting} it shares with the fan-out advisors, and the
 * start-up check that compiles every annotated method of every bean ({@link AnnotatedMethodsCheck}). Registers
 * Spring's infrastructure auto-proxy creator if the application has none, so it works with or without Boot's AOP
 * auto-configuration; AspectJ is not needed.
 *
 * <p>The advisor resolves the rules, the metrics and the routing DataSource lazily (on its first use), because
 * advisors are created early, while bean post-processors are still being set up.
 */
@AutoConfiguration(after = {ShardkitAutoConfiguration.class, ShardkitMetricsAutoConfiguration.class})
@ConditionalOnBean({ShardingRules.class, ShardRoutingDataSource.class})
@Import(ShardkitAopAutoConfiguration.AutoProxyRegistrar.class)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public final class ShardkitAopAutoConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static MethodRouting shardkitMethodRouting(ObjectProvider<ShardingRules> rules) {
        return new MethodRouting(SingletonSupplier.of(rules::getObject));
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static ShardedAdvisor shardedAdvisor(MethodRouting routing, ObjectProvider<ShardingMetrics> metrics,
                                         ObjectProvider<ShardRoutingDataSource> routingDataSource) {
        return new ShardedAdvisor(new ShardedMethodInterceptor(routing,
                SingletonSupplier.of(() -> metrics.getIfAvailable(() -> ShardingMetrics.NOOP)),
                SingletonSupplier.of(routingDataSource::getObject), ShardedMethodInterceptor.DEFAULT_ORDER));
    }

    /**
     * Compiles every annotated method of every bean once the singletons exist, so a bad one fails the start, and
     * looks for calls on {@code this} to them ({@code shardkit.self-invocation}).
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static AnnotatedMethodsCheck shardkitAnnotatedMethodsCheck(ObjectProvider<ShardkitAdvisor> advisors,
                                                               ObjectProvider<ShardkitProperties> properties) {
        ShardkitProperties configured = properties.getIfAvailable();
        return new AnnotatedMethodsCheck(advisors, configured != null ? configured.getSelfInvocation()
                : SelfInvocationMode.FAIL);
    }

    /** Makes sure an auto-proxy creator exists; an existing (or later, higher-ranked) one is kept. */
    static final class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
        }
    }
}
