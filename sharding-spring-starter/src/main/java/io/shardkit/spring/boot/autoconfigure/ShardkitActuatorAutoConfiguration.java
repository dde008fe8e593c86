package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.boot.actuate.ShardHealthContributor;
import io.shardkit.spring.boot.actuate.ReshardEndpoint;
import io.shardkit.spring.boot.actuate.ReshardEndpointWebExtension;
import io.shardkit.spring.boot.actuate.ShardkitEndpoint;
import io.shardkit.spring.reshard.Resharders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support, each part present only with its module on the class path: the {@code shardkit} health
 * component (one indicator per shard, see {@link ShardHealthContributor}), the {@code shardkit} endpoint and the
 * {@code reshard} endpoint ({@link ReshardEndpoint}).
 *
 * <p>It also replaces Boot's {@code db} health contributor with one that leaves the routing DataSource out: Boot's
 * would ask the routing DataSource for a connection with no shard bound and report it DOWN. The replacement
 * checks every other DataSource bean as Boot does; the shards are reported under {@code shardkit}.
 */
@AutoConfiguration(after = {ShardkitAutoConfiguration.class, ShardkitReshardAutoConfiguration.class},
        beforeName = "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration")
@ConditionalOnBean({ShardRegistry.class, ShardingRules.class})
public final class ShardkitActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    static class HealthConfiguration {

        @Bean
        @ConditionalOnEnabledHealthIndicator("shardkit")
        @ConditionalOnMissingBean(name = "shardkitHealthContributor")
        ShardHealthContributor shardkitHealthContributor(ShardRegistry registry,
                                                         ObjectProvider<ShardkitProperties> properties) {
            return new ShardHealthContributor(registry,
                    properties.getIfAvailable(ShardkitProperties::new).getHealth().getTimeout());
        }

        @Bean
        @ConditionalOnEnabledHealthIndicator("db")
        @ConditionalOnClass(DataSourceHealthIndicator.class)
        @ConditionalOnMissingBean(name = {"dbHealthIndicator", "dbHealthContributor"})
        HealthContributor dbHealthContributor(Map<String, DataSource> dataSources) {
            Map<String, HealthContributor> others = new LinkedHashMap<>();
            dataSources.forEach((name, dataSource) -> {
                if (!(dataSource instanceof ShardRoutingDataSource)) {
                    others.put(name, new DataSourceHealthIndicator(dataSource));
                }
            });
            // An empty composite is left out of the health report altogether.
            return CompositeHealthContributor.fromMap(others);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(ShardkitEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ShardkitEndpoint shardkitEndpoint(ShardRegistry registry, ShardingRules rules,
                                          ObjectProvider<ShardkitProperties> properties) {
            Map<String, String> keyTypes = new LinkedHashMap<>();
            properties.getIfAvailable(ShardkitProperties::new).getRules().forEach((name, rule) -> {
                if (rule.getKeyType() != null) {
                    keyTypes.put(name, ShardkitPropertiesValidator.lower(rule.getKeyType()));
                }
            });
            return new ShardkitEndpoint(registry, rules, keyTypes, ShardkitActuatorAutoConfiguration::parser);
        }
    }

    /**
     * The {@code reshard} endpoint, when exposed ({@code management.endpoints.web.exposure.include=reshard}), and
     * its HTTP statuses when exposed over the web.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnBean(Resharders.class)
    @ConditionalOnAvailableEndpoint(ReshardEndpoint.class)
    static class ReshardEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ReshardEndpoint reshardEndpoint(Resharders resharders, ShardingRules rules) {
            return new ReshardEndpoint(resharders, rules);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(endpoint = ReshardEndpoint.class, exposure = EndpointExposure.WEB)
        ReshardEndpointWebExtension reshardEndpointWebExtension(ReshardEndpoint endpoint) {
            return new ReshardEndpointWebExtension(endpoint);
        }
    }

    /** The parser of a key type written as in properties ({@code local-date}), or {@code null}. */
    static @Nullable Function<String, Object> parser(String typeName) {
        for (ShardKeyType type : ShardKeyType.values()) {
            if (ShardkitPropertiesValidator.lower(type).equals(typeName)) {
                return type::parse;
            }
        }
        return null;
    }
}
