package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.CrossShardTransactionException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.metrics.MeterNames;
import io.shardkit.scatter.IncompleteResultException;
import io.shardkit.scatter.MergeConflictException;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.scatter.ShardFailure;
import io.shardkit.scatter.UnsortedShardResultException;
import io.shardkit.spring.aop.ScatterTestApplication.Call;
import io.shardkit.spring.aop.ScatterTestApplication.CallLog;
import io.shardkit.spring.aop.ScatterTestApplication.Order;
import io.shardkit.spring.aop.ScatterTestApplication.OrderReports;
import io.shardkit.spring.testing.TestShards;
import io.shardkit.testing.H2ShardFixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code @ScatterGather} and {@code @Broadcast} end to end in a Boot application on 4 H2 shards, against an
 * oracle: the same rows in one unsharded H2 database. Each shard is handed only its keys, merges equal the
 * oracle's answers, each shard's part runs in its own read-only transaction on its own shard, failures name the
 * shard, broadcasts reach every shard and report the one that failed, and no binding outlives a call.
 */
@SpringBootTest(classes = ScatterTestApplication.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScatterGatherIT {

    private static final int ORDERS = 400;
    private static final int CUSTOMERS = 120;

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        TestShards.registerWithOrdersRule(registry, "scatter-it");
    }

    @Autowired
    ShardRegistry registry;
    @Autowired
    ShardingRules rules;
    @Autowired
    OrderReports reports;
    @Autowired
    CallLog log;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    MeterRegistry meters;

    ShardingRule orders;
    SingleConnectionDataSource oracleDataSource;
    JdbcTemplate oracle;

    @BeforeAll
    void seed() {
        orders = rules.rule("orders");
        TestShards.createOrdersTable(registry);
        oracleDataSource = new SingleConnectionDataSource(H2ShardFixtures.uniqueUrl("oracle"), "sa", "",
                true);
        oracle = new JdbcTemplate(oracleDataSource);
        oracle.execute("create table orders (id bigint primary key, customer_id bigint, amount bigint)");
        Random random = new Random(42);
        for (long id = 1; id <= ORDERS; id++) {
            long customer = 1 + random.nextInt(CUSTOMERS);
            long amount = 1 + random.nextInt(10_000);
            String insert = "insert into orders (id, customer_id, amount) values (?, ?, ?)";
            TestShards.direct(orders.shardOf(customer)).update(insert, id, customer, amount);
            oracle.update(insert, id, customer, amount);
        }
        for (Shard shard : registry.shards()) {
            TestShards.direct(shard).execute("create table merchants (id bigint primary key, name varchar(64))");
        }
    }

    @AfterAll
    void closeOracle() {
        oracleDataSource.destroy();
    }

    @BeforeEach
    void reset() {
        log.failOn = null;
        log.calls.clear();
    }

    @Test
    void theRowsAreSpreadOverEveryShardByTheHashRule() {
        int total = 0;
        for (Shard shard : registry.shards()) {
            List<Long> customers = TestShards.direct(shard).queryForList("select distinct customer_id from orders",
                    Long.class);
            assertThat(customers).as(shard.name()).isNotEmpty()
                    .allSatisfy(c -> assertThat(orders.shardOf(c)).isEqualTo(shard));
            total += TestShards.orderIds(shard).size();
        }
        assertThat(total).isEqualTo(ORDERS);
    }

    @Test
    void eachShardIsHandedOnlyItsOwnKeysAndTheMergedListEqualsTheOracle() {
        List<Long> customers = List.of(3L, 17L, 25L, 42L, 58L, 77L, 91L, 104L, 119L, 7L, 64L);
        List<Order> found = reports.findByCustomers(customers);

        assertThat(found).containsExactlyInAnyOrderElementsOf(oracle.query(
                "select * from orders where customer_id in (3, 17, 25, 42, 58, 77, 91, 104, 119, 7, 64)",
                ScatterTestApplication.ORDER));
        List<Call> calls = log.calls("findByCustomers");
        Map<String, List<Long>> expected = new HashMap<>();
        for (Long customer : customers) {
            expected.computeIfAbsent(orders.shardOf(customer).name(), s -> new ArrayList<>()).add(customer);
        }
        assertThat(calls).hasSize(expected.size());
        for (Call call : calls) {
            assertThat(call.keys()).as(call.shard()).isInstanceOf(List.class);
            assertThat(new ArrayList<Object>(call.keys())).as(call.shard())
                    .isEqualTo(new ArrayList<Object>(expected.get(call.shard())));
        }
        assertThat(found).as("concatenated in shard order, each shard's rows by id")
                .isEqualTo(inShardOrder(found));
    }

    @Test
    void shardsOwningNoKeyAreNotTouchedAndASetParameterGetsASet() {
        long customer = 42;
        assertThat(reports.findByCustomers(List.of(customer))).isNotEmpty();
        assertThat(log.calls("findByCustomers")).extracting(Call::shard)
                .containsExactly(orders.shardOf(customer).name());
        assertThat(reports.findByCustomers(List.of())).isEmpty();
        assertThat(log.calls("findByCustomers")).hasSize(1);

        Set<Long> keys = new LinkedHashSet<>(List.of(5L, 6L, 7L, 8L, 9L, 10L));
        assertThat(reports.customersOf(keys)).isEqualTo(keys);
        assertThat(log.calls("customersOf")).allSatisfy(c -> assertThat(c.keys()).isInstanceOf(Set.class));
    }

    @Test
    void numbersAreSummed() {
        long count = oracle.queryForObject("select count(*) from orders", Long.class);
        assertThat(reports.countAll()).isEqualTo(count).isEqualTo(ORDERS);
        assertThat(log.calls("countAll")).extracting(Call::shard)
                .containsExactlyInAnyOrder("shard-0", "shard-1", "shard-2", "shard-3");
        assertThat(reports.countAllBoxed()).isEqualTo(ORDERS);
        assertThat(reports.sumAmounts(0)).isEqualByComparingTo(
                oracle.queryForObject("select sum(amount) from orders", BigDecimal.class));
        assertThat(reports.sumAmounts(9_990)).as("shards without such rows answer NULL and add nothing")
                .isEqualByComparingTo(oracle.queryForObject("select coalesce(sum(amount), 0) from orders "
                        + "where amount >= 9990", BigDecimal.class));
        assertThat(reports.sumAmounts(20_000)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(reports.sumAmountsAsDouble()).isEqualTo(
                oracle.queryForObject("select cast(sum(amount) as double) from orders", Double.class));
    }

    @Test
    void fanOutsAreMeasuredThroughTheApplicationsMetrics() {
        DistributionSummary earlier = meters.find(MeterNames.FANOUT_WIDTH).tag(MeterNames.TAG_RULE, "orders")
                .summary();
        long before = earlier == null ? 0 : earlier.count();
        reports.findByCustomers(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L));
        DistributionSummary width = meters.get(MeterNames.FANOUT_WIDTH).tag(MeterNames.TAG_RULE, "orders").summary();
        assertThat(width.count()).isEqualTo(before + 1);
        assertThat(meters.get(MeterNames.SCATTER_SHARD_CALLS).tag(MeterNames.TAG_SHARD, "shard-0")
                .tag(MeterNames.TAG_OUTCOME, MeterNames.OUTCOME_SUCCESS).timer().count()).isPositive();
    }

    @Test
    void anOrderedMergeWithALimitEqualsSortingEverythingThenLimiting() {
        List<Order> expected = oracle.query("select * from orders order by amount desc, id limit 10",
                ScatterTestApplication.ORDER);
        assertThat(reports.largest(10)).isEqualTo(expected);
        assertThat(reports.largest(50)).as("each shard's result is cut to the annotation's limit too")
                .isEqualTo(expected);
    }

    @Test
    void aShardResultNotSortedByTheComparatorFailsNamingTheShard() {
        assertThatThrownBy(() -> reports.unsortedOnShards())
                .isInstanceOf(ScatterGatherException.class).isInstanceOf(UnsortedShardResultException.class)
                .hasMessageContaining("Scatter-gather over rule 'orders' failed on shard")
                .hasMessageContaining("not sorted by")
                .satisfies(e -> assertThat(((ScatterGatherException) e).getShard()).startsWith("shard-"));
    }

    @Test
    void anOptionalIsTheFirstPresent() {
        assertThat(reports.findById(123)).hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(123));
        assertThat(reports.findById(ORDERS + 1)).isEmpty();
    }

    @Test
    void mapsMergeNumbersAddUpEqualValuesStayAndDifferentOnesConflict() {
        Map<Long, Long> expected = new HashMap<>();
        oracle.query("select amount / 1000 as band, count(*) as n from orders group by band",
                rs -> {
                    expected.put(rs.getLong("band"), rs.getLong("n"));
                });
        assertThat(reports.countByBand()).isEqualTo(expected);
        assertThat(reports.sameEverywhere()).containsExactly(Map.entry("currency", "EUR"));
        assertThatThrownBy(() -> reports.shardNameUnderOneKey())
                .isInstanceOf(MergeConflictException.class)
                .hasMessageContaining("map key [java.lang.String shard]")
                .hasMessageContaining("on shard 'shard-0'").hasMessageContaining("on shard 'shard-1'")
                .satisfies(e -> assertThat(((MergeConflictException) e).getMapKey()).isEqualTo("shard"));
    }

    @Test
    void eachShardsPartRunsInItsOwnReadOnlyTransactionOnItsShardWithNothingElseBound() throws Exception {
        List<Call> calls = reports.calls();
        assertThat(calls).extracting(Call::shard).containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
        for (Call call : calls) {
            assertThat(call.transactional()).as(call.shard()).isTrue();
            assertThat(call.readOnly()).as(call.shard()).isTrue();
            assertThat(call.depth()).as("only its own shard bound on the worker").isEqualTo(1);
            assertThat(call.method()).as("the connection is the shard's")
                    .contains("scatter-it").endsWith("-" + call.shard().substring("shard-".length()));
        }
        assertThat(ShardContext.current()).isNull();
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void underFailFastAShardFailureFailsTheCallNamingTheShard() {
        log.failOn = "shard-2";
        assertThatThrownBy(() -> reports.countAll())
                .isInstanceOf(ScatterGatherException.class)
                .hasMessageContaining("rule 'orders'").hasMessageContaining("shard 'shard-2'")
                .hasCauseInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(((ScatterGatherException) e).getShard()).isEqualTo("shard-2"));
        assertThat(ShardContext.depth()).isZero();
        log.failOn = null;
        assertThat(reports.countAll()).as("the next call is unaffected").isEqualTo(ORDERS);
    }

    @Test
    void aScatterResultMethodGetsTheMergedValueAndTheShardsThatAnswered() {
        ScatterResult<List<Long>> result = reports.idsAsResult();
        assertThat(result.isComplete()).isTrue();
        assertThat(result.rule()).isEqualTo("orders");
        assertThat(result.succeeded()).extracting(Shard::name)
                .containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
        List<Long> sorted = new ArrayList<>(result.value());
        Collections.sort(sorted);
        assertThat(sorted).isEqualTo(oracle.queryForList("select id from orders order by id", Long.class));
    }

    @Test
    void aFanOutInsideATransactionOrARoutedCallIsRefusedBeforeAnyShardRuns() {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        try (ShardScope ignored = ShardContext.bind(registry.shard("shard-0"))) {
            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> reports.countAll()))
                    .isInstanceOf(CrossShardTransactionException.class)
                    .hasMessageContaining("Rule 'orders': OrderReports.countAll()")
                    .hasMessageContaining("inside an open transaction bound to shard 'shard-0'");
        }
        try (ShardScope ignored = ShardContext.bind(registry.shard("shard-1"))) {
            assertThatThrownBy(() -> reports.upsertMerchant(1, "x"))
                    .isInstanceOf(CrossShardTransactionException.class)
                    .hasMessageContaining("inside a routed call bound to shard 'shard-1'")
                    .satisfies(e -> assertThat(((CrossShardTransactionException) e).getBoundShard())
                            .isEqualTo("shard-1"));
        }
        assertThat(log.calls).isEmpty();
    }

    @Test
    void aBroadcastWritesEveryShardInShardOrder() {
        reports.upsertMerchant(7, "Pizza Roma");
        reports.upsertMerchant(7, "Pizza Roma");
        assertThat(log.calls("upsertMerchant")).extracting(Call::shard).containsExactly(
                "shard-0", "shard-1", "shard-2", "shard-3", "shard-0", "shard-1", "shard-2", "shard-3");
        assertThat(log.calls("upsertMerchant")).allSatisfy(c -> assertThat(c.transactional()).isTrue());
        for (Shard shard : registry.shards()) {
            assertThat(merchantName(shard, 7)).as(shard.name()).isEqualTo("Pizza Roma");
        }
    }

    @Test
    void aFailingShardOfABroadcastIsReportedAfterEveryShardWasTried() {
        reports.upsertMerchant(8, "Old");
        log.failOn = "shard-1";
        assertThatThrownBy(() -> reports.upsertMerchant(8, "New"))
                .isInstanceOf(IncompleteResultException.class)
                .hasMessageContaining("1 of 4 shards failed [shard-1]")
                .hasMessageContaining("succeeded [shard-0, shard-2, shard-3]")
                .hasMessageContaining("idempotent")
                .satisfies(e -> assertThat(((IncompleteResultException) e).getFailures())
                        .extracting(f -> f.shard().name()).containsExactly("shard-1"));
        assertThat(merchantName(registry.shard("shard-1"), 8)).as("rolled back there").isEqualTo("Old");
        for (String shard : List.of("shard-0", "shard-2", "shard-3")) {
            assertThat(merchantName(registry.shard(shard), 8)).as(shard).isEqualTo("New");
        }

        ScatterResult<Integer> reported = reports.upsertMerchantReported(8, "Newer");
        assertThat(reported.value()).as("update counts of the shards that succeeded").isEqualTo(3);
        assertThat(reported.failures()).extracting(ShardFailure::shard).extracting(Shard::name)
                .containsExactly("shard-1");
        assertThat(reported.succeeded()).extracting(Shard::name).containsExactly("shard-0", "shard-2", "shard-3");

        log.failOn = null;
        assertThat(reports.upsertMerchantReported(8, "Newer").requireComplete()).as("the retry is safe").isEqualTo(4);
        for (Shard shard : registry.shards()) {
            assertThat(merchantName(shard, 8)).as(shard.name()).isEqualTo("Newer");
        }
    }

    private static String merchantName(Shard shard, long id) {
        return TestShards.direct(shard).queryForObject("select name from merchants where id = ?", String.class, id);
    }

    /** The orders grouped by their shard in shard order, each group by id: what a concatenation yields. */
    private List<Order> inShardOrder(List<Order> found) {
        List<Order> expected = new ArrayList<>();
        for (Shard shard : orders.shards()) {
            found.stream().filter(o -> orders.shardOf(o.customerId()).equals(shard))
                    .sorted(java.util.Comparator.comparingLong(Order::id)).forEach(expected::add);
        }
        return expected;
    }
}
