package io.shardkit.spring.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.annotation.Sharded;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxWriter;
import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** An order service that records an {@code OrderPlaced} event with each order, wired only by the starter. */
@SpringBootConfiguration
@EnableAutoConfiguration
class OutboxTestApplication {

    static final String AGGREGATE = "Order";

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    InMemoryOutboxPublisher eventLog() {
        return new InMemoryOutboxPublisher();
    }

    @Bean
    Orders orders(JdbcTemplate jdbc, DataSource dataSource, OutboxWriter outbox) {
        return new Orders(jdbc, dataSource, outbox);
    }

    /** Thrown after the order and its event were written, to roll both back. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("refused after writing");
        }
    }

    public static class Orders {
        private final JdbcTemplate jdbc;
        private final DataSource dataSource;
        private final OutboxWriter outbox;

        Orders(JdbcTemplate jdbc, DataSource dataSource, OutboxWriter outbox) {
            this.jdbc = jdbc;
            this.dataSource = dataSource;
            this.outbox = outbox;
        }

        /** Order row and event in the method's transaction, on the customer's shard; returns that shard. */
        @Sharded(rule = "orders", key = "#customerId")
        @Transactional
        public String place(long id, long customerId, boolean refuse) {
            jdbc.update("insert into orders (id, customer_id, amount) values (?, ?, ?)", id, customerId, 100);
            outbox.append(dataSource, OutboxEvent.of(AGGREGATE, Long.toString(id), "OrderPlaced",
                    "{\"customerId\":" + customerId + "}"));
            if (refuse) {
                throw new Refused();
            }
            Shard shard = ShardContext.current();
            return shard == null ? "<none>" : shard.name();
        }

        /** Routed but with no transaction: the event would commit on its own. */
        @Sharded(rule = "orders", key = "#customerId")
        public void appendWithoutTransaction(long id, long customerId) {
            outbox.append(dataSource, OutboxEvent.of(AGGREGATE, Long.toString(id), "OrderPlaced", "{}"));
        }

        /** Neither routed nor transactional. */
        public void appendUnrouted(long id) {
            outbox.append(dataSource, OutboxEvent.of(AGGREGATE, Long.toString(id), "OrderPlaced", "{}"));
        }
    }
}
