package io.shardkit.it.persistence.jdbc;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Data JDBC application on the starter, as a user writes one: an aggregate, a repository interface, a
 * service, Flyway migrations; no shardkit-specific property besides shards and rules.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DataJdbcApplication {

    /** Where this app keeps its Flyway migrations. */
    public static final String MIGRATIONS = "spring.flyway.locations=classpath:db/it-jdbc";

    @Bean
    PurchaseOrderService purchaseOrderService(PurchaseOrders orders) {
        return new PurchaseOrderService(orders);
    }
}
