package io.shardkit.spring.aop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.annotation.Broadcast;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.scatter.ScatterResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** An order reporting service on shardkit's fan-out annotations, as an application would write it. */
@SpringBootConfiguration
@EnableAutoConfiguration
class ScatterTestApplication {

    static final RowMapper<Order> ORDER = (rs, row) -> new Order(rs.getLong("id"), rs.getLong("customer_id"),
            rs.getLong("amount"));

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    CallLog callLog() {
        return new CallLog();
    }

    @Bean
    OrderReports orderReports(JdbcTemplate jdbc, CallLog log) {
        return new OrderReports(jdbc, log);
    }

    record Order(long id, long customerId, long amount) {
    }

    /** Largest amount first, then by id: the order of {@link OrderReports#largest(int)}. */
    public static final class LargestFirst implements Comparator<Order> {
        @Override
        public int compare(Order a, Order b) {
            int byAmount = Long.compare(b.amount(), a.amount());
            return byAmount != 0 ? byAmount : Long.compare(a.id(), b.id());
        }
    }

    /**
     * What one shard's invocation saw: its shard, its keys (as passed), whether a transaction was open and
     * read-only, how many bindings were open, and its connection's url.
     */
    record Call(String method, String shard, @Nullable Collection<?> keys, boolean transactional, boolean readOnly,
                int depth) {
    }

    /** What the shards' invocations saw, and which shard is to fail; outside the proxied bean. */
    static final class CallLog {
        final Queue<Call> calls = new ConcurrentLinkedQueue<>();
        /** The shard on which every method fails, or null. */
        volatile @Nullable String failOn;

        List<Call> calls(String method) {
            List<Call> matching = new ArrayList<>();
            for (Call call : calls) {
                if (call.method().startsWith(method)) {
                    matching.add(call);
                }
            }
            return matching;
        }
    }

    public static class OrderReports {
        private final JdbcTemplate jdbc;
        private final CallLog log;

        OrderReports(JdbcTemplate jdbc, CallLog log) {
            this.jdbc = jdbc;
            this.log = log;
        }

        @ScatterGather(rule = "orders")
        @Transactional(readOnly = true)
        public List<Order> findByCustomers(@ShardKey Collection<Long> customerIds) {
            seen("findByCustomers", customerIds);
            if (customerIds.isEmpty()) {
                return List.of();
            }
            String in = String.join(",", Collections.nCopies(customerIds.size(), "?"));
            return jdbc.query("select * from orders where customer_id in (" + in + ") order by id", ORDER,
                    customerIds.toArray());
        }

        @ScatterGather(rule = "orders")
        public Set<Long> customersOf(@ShardKey Set<Long> customerIds) {
            seen("customersOf", customerIds);
            return Set.copyOf(customerIds);
        }

        @ScatterGather(rule = "orders")
        @Transactional(readOnly = true)
        public long countAll() {
            seen("countAll", null);
            return Objects.requireNonNull(jdbc.queryForObject("select count(*) from orders", Long.class));
        }

        @ScatterGather
        public @Nullable Integer countAllBoxed() {
            return jdbc.queryForObject("select count(*) from orders", Integer.class);
        }

        /** {@code SUM} of an empty shard is NULL: it adds nothing. */
        @ScatterGather
        public BigDecimal sumAmounts(long minAmount) {
            return jdbc.queryForObject("select sum(amount) from orders where amount >= ?", BigDecimal.class,
                    minAmount);
        }

        @ScatterGather
        public double sumAmountsAsDouble() {
            return Objects.requireNonNull(jdbc.queryForObject("select cast(coalesce(sum(amount), 0) as double) "
                    + "from orders", Double.class));
        }

        @ScatterGather(rule = "orders", orderBy = LargestFirst.class, limit = 10)
        public List<Order> largest(int limit) {
            return jdbc.query("select * from orders order by amount desc, id limit ?", ORDER, limit);
        }

        @ScatterGather(rule = "orders", orderBy = LargestFirst.class)
        public List<Order> unsortedOnShards() {
            return jdbc.query("select * from orders order by id", ORDER);
        }

        @ScatterGather(rule = "orders")
        public Optional<Order> findById(long id) {
            return jdbc.query("select * from orders where id = ?", ORDER, id).stream().findFirst();
        }

        /** Orders per amount band (thousands): every band is on several shards, its counts add up. */
        @ScatterGather(rule = "orders")
        public Map<Long, Long> countByBand() {
            Map<Long, Long> bands = new LinkedHashMap<>();
            jdbc.query("select amount / 1000 as band, count(*) as n from orders group by band order by band",
                    rs -> {
                        bands.put(rs.getLong("band"), rs.getLong("n"));
                    });
            return bands;
        }

        @ScatterGather(rule = "orders")
        public Map<String, String> shardNameUnderOneKey() {
            return Map.of("shard", bound());
        }

        @ScatterGather(rule = "orders")
        public Map<String, String> sameEverywhere() {
            return Map.of("currency", "EUR");
        }

        @ScatterGather(rule = "orders")
        @Transactional(readOnly = true)
        public List<Call> calls() throws SQLException {
            DataSource dataSource = Objects.requireNonNull(jdbc.getDataSource());
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return List.of(seen("calls@" + connection.getMetaData().getURL(), null));
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }

        @ScatterGather(rule = "orders")
        public ScatterResult<List<Long>> idsAsResult() {
            seen("idsAsResult", null);
            return ScatterResult.ofShard(jdbc.queryForList("select id from orders order by id", Long.class));
        }

        @Broadcast(rule = "orders")
        @Transactional
        public void upsertMerchant(long id, String name) {
            writeMerchant(id, name);
        }

        @Broadcast(rule = "orders")
        @Transactional
        public ScatterResult<Integer> upsertMerchantReported(long id, String name) {
            return ScatterResult.ofShard(writeMerchant(id, name));
        }

        private int writeMerchant(long id, String name) {
            record("upsertMerchant", null);
            int updated = jdbc.update("merge into merchants (id, name) key (id) values (?, ?)", id, name);
            failIfAsked();
            return updated;
        }

        private Call seen(String method, @Nullable Collection<?> keys) {
            Call call = record(method, keys);
            failIfAsked();
            return call;
        }

        private Call record(String method, @Nullable Collection<?> keys) {
            Call call = new Call(method, bound(), keys == null ? null : keys,
                    TransactionSynchronizationManager.isActualTransactionActive(),
                    TransactionSynchronizationManager.isCurrentTransactionReadOnly(), ShardContext.depth());
            log.calls.add(call);
            return call;
        }

        private void failIfAsked() {
            String failOn = log.failOn;
            if (bound().equals(failOn)) {
                throw new IllegalStateException("shard " + failOn + " is failing on purpose");
            }
        }
    }

    static String bound() {
        Shard shard = ShardContext.current();
        return shard == null ? "<none>" : shard.name();
    }
}
