package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.entity.ShardGuard;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.jpa.ShardGuardIntegrator;
import io.shardkit.spring.jpa.ShardTenantConnections;
import io.shardkit.spring.jpa.ShardTenantResolver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.cfg.MultiTenancySettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.context.annotation.Bean;

/**
 * Hibernate (JPA) on the shards with nothing configured: each shard is a Hibernate tenant. Boot's entity manager
 * factory gets shardkit's {@link ShardTenantConnections} and {@link ShardTenantResolver} (the tenant is the bound
 * shard), so a session stays on the shard it was opened on, the second-level cache keys its entries by shard, and
 * pooled sequence and table id generators keep one block of ids per shard, each from that shard's own sequence.
 * Entities that declare a shard key are checked before they are written ({@link ShardGuardIntegrator}).
 *
 * <p>Schema: Hibernate's {@code ddl-auto} would create tables through one connection, not on every shard. The
 * routing DataSource therefore counts as managed (Boot's default {@code ddl-auto} becomes {@code none}, also on
 * embedded H2 shards), the schema comes from {@code spring.sql.init} scripts, Flyway or Liquibase, which shardkit
 * runs on every shard, and an explicit {@code create}, {@code create-drop}, {@code create-only}, {@code drop} or
 * {@code update} fails the start naming the property; {@code validate} checks the first shard.
 *
 * <p>An application that configures Hibernate multi-tenancy itself keeps its own: nothing is replaced.
 */
@AutoConfiguration(after = {ShardkitAutoConfiguration.class, ShardkitEntityGuardAutoConfiguration.class},
        beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({HibernatePropertiesCustomizer.class, MultiTenantConnectionProvider.class})
@ConditionalOnBean({ShardRegistry.class, ShardRoutingDataSource.class, ShardGuard.class})
public final class ShardkitHibernateAutoConfiguration {

    /** {@code ddl-auto} values that would write a schema through Hibernate's single boot connection. */
    static final Set<String> WRITING_DDL = Set.of("create", "create-drop", "create-only", "drop", "update");

    @Bean
    HibernatePropertiesCustomizer shardkitHibernateTenancy(ShardRegistry registry, ShardRoutingDataSource routing,
                                                           ShardGuard guard) {
        return properties -> {
            refuseWritingDdl(properties);
            if (properties.containsKey(MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER)) {
                return;
            }
            properties.put(MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER,
                    new ShardTenantConnections(registry, routing));
            properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, new ShardTenantResolver());
            IntegratorProvider integrators = () -> List.of(new ShardGuardIntegrator(guard));
            properties.put(JpaSettings.INTEGRATOR_PROVIDER, integrators);
        };
    }

    /** The routing DataSource's schema lives on each shard: Hibernate must not create it (Boot then defaults to none). */
    @Bean
    SchemaManagementProvider shardkitSchemaManagementProvider() {
        return dataSource -> dataSource instanceof ShardRoutingDataSource ? SchemaManagement.MANAGED
                : SchemaManagement.UNMANAGED;
    }

    static void refuseWritingDdl(Map<String, Object> properties) {
        Object ddl = properties.get(SchemaToolingSettings.HBM2DDL_AUTO);
        if (ddl != null && WRITING_DDL.contains(ddl.toString().trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new ShardingConfigurationException("spring.jpa.hibernate.ddl-auto", "is [" + ddl + "], but "
                    + "Hibernate would run that DDL through one connection, not on every shard; remove it (or set "
                    + "none / validate) and create the schema with spring.sql.init scripts, Flyway or Liquibase, "
                    + "which shardkit runs on every shard", null);
        }
    }
}
