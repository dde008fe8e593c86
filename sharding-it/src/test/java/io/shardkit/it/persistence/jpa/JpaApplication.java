package io.shardkit.it.persistence.jpa;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A JPA / Hibernate application on the starter, as a user writes one: entities, a {@code JpaRepository}, a
 * service, Flyway migrations; no dialect, ddl-auto or metadata property.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class JpaApplication {

    /**
     * The app's own settings: where it keeps its Flyway migrations, and that its second-level cache (JCache on
     * Ehcache, found on the class path) creates the regions it has not configured, which Hibernate would otherwise
     * warn about. Neither is about shards.
     */
    public static final String[] SETTINGS = {
        "spring.flyway.locations=classpath:db/it-jpa",
        "spring.jpa.properties.hibernate.javax.cache.missing_cache_strategy=create",
    };

    @Bean
    CustomerOrderService customerOrderService(CustomerOrders orders) {
        return new CustomerOrderService(orders);
    }
}
