package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.CrossShardTransactionException;
import io.shardkit.InvalidShardKeyException;
import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.metrics.MeterNames;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.testing.RoutingTestApplication.Cart;
import io.shardkit.spring.testing.RoutingTestApplication.Customer;
import io.shardkit.spring.testing.RoutingTestApplication.CustomerQueries;
import io.shardkit.spring.testing.RoutingTestApplication.Order;
import io.shardkit.spring.testing.RoutingTestApplication.OrderBean;
import io.shardkit.spring.testing.RoutingTestApplication.OrderRepository;
import io.shardkit.spring.testing.RoutingTestApplication.OrderService;
import io.shardkit.spring.testing.RoutingTestApplication.Seen;
import io.shardkit.spring.testing.RoutingTestApplication;
import io.shardkit.spring.testing.TestShards;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;

/**
 * The starter end to end in a Boot application on 4 H2 shards: each row lands on the shard its rule names,
 * transactions open on the routed shard, rollback and cross-shard refusal leave nothing behind, bindings never
 * leak between pooled tasks, and key errors name the method. Every shard is checked directly, bypassing routing.
 */
@SpringBootTest(classes = RoutingTestApplication.class)
class ShardedRoutingIT {

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        TestShards.registerWithOrdersRule(registry, "routing-it");
    }

    @Autowired
    ShardRegistry registry;
    @Autowired
    ShardingRules rules;
    @Autowired
    OrderRepository repository;
    @Autowired
    OrderService service;
    @Autowired
    CustomerQueries queries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    MeterRegistry meters;

    ShardingRule orders;

    @BeforeEach
    void emptyShards() {
        TestShards.createOrdersTable(registry);
        orders = rules.rule("orders");
    }

    @Test
    void theRoutingDataSourceIsTheApplicationsDataSourceAndItsTransactionManagersToo() {
        assertThat(dataSource).isInstanceOf(ShardRoutingDataSource.class);
        assertThat(jdbc.getDataSource()).isSameAs(dataSource);
        assertThat(transactionManager).extracting("dataSource").isSameAs(dataSource);
    }

    @Test
    void eachInsertLandsOnExactlyTheShardItsRuleNames() {
        Map<String, List<Long>> expected = new HashMap<>();
        for (long id = 1; id <= 200; id++) {
            long customer = id * 7919 % 1000;
            String shard = repository.insert(new Order(id, customer, id * 100));
            assertThat(shard).isEqualTo(orders.shardOf(customer).name());
            expected.computeIfAbsent(shard, s -> new ArrayList<>()).add(id);
        }
        for (Shard shard : registry.shards()) {
            assertThat(TestShards.orderIds(shard)).as(shard.name())
                    .containsExactlyElementsOf(expected.getOrDefault(shard.name(), List.of()));
        }
        assertThat(expected).as("200 keys reach every one of 4 shards").hasSize(TestShards.SHARDS);
    }

    @Test
    void readsAreRoutedToTheKeysShard() {
        repository.insert(new Order(1, 42, 100));
        repository.insert(new Order(2, 42, 200));
        repository.insert(new Order(3, 43, 300));
        assertThat(repository.findIds(42)).containsExactly(1L, 2L);
        assertThat(repository.findIds(43)).containsExactly(3L);
    }

    @Test
    void theTransactionOpensOnTheRoutedShardBecauseTheInterceptorIsOutsideIt() throws Exception {
        for (long customer = 0; customer < 8; customer++) {
            Seen seen = repository.seen(customer);
            Shard expected = orders.shardOf(customer);
            assertThat(seen.shard()).isEqualTo(expected.name());
            assertThat(seen.transactional()).isTrue();
            assertThat(seen.url()).isEqualTo(TestShards.direct(expected).execute(
                    (java.sql.Connection c) -> c.getMetaData().getURL()));
        }
    }

    @Test
    void theShardedAdvisorComesBeforeTheTransactionAdvisor() {
        Advisor[] advisors = ((Advised) repository).getAdvisors();
        int sharded = indexOf(advisors, ShardedAdvisor.class);
        int transactional = indexOf(advisors, BeanFactoryTransactionAttributeSourceAdvisor.class);
        assertThat(sharded).isNotNegative();
        assertThat(transactional).isGreaterThan(sharded);
    }

    @Test
    void aRollbackLeavesNothingOnAnyShard() {
        assertThatThrownBy(() -> repository.insertThenFail(new Order(1, 42, 100)))
                .isInstanceOf(IllegalStateException.class).hasMessage("boom after insert");
        assertThat(TestShards.totalOrders(registry)).isZero();
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void nestedCallsOnTheSameShardShareTheTransaction() {
        long[] sameShard = customersOn(orders.shardOf(1L), 2);
        service.placeBoth(new Order(1, sameShard[0], 100), new Order(2, sameShard[1], 200));
        assertThat(TestShards.orderIds(orders.shardOf(sameShard[0]))).containsExactly(1L, 2L);
        assertThat(TestShards.totalOrders(registry)).isEqualTo(2);
    }

    @Test
    void aSecondShardInsideTheTransactionIsRefusedBeforeItRunsAndTheOuterRollsBack() {
        Shard first = orders.shardOf(1L);
        long other = customerNotOn(first);
        assertThatThrownBy(() -> service.placeBoth(new Order(1, 1, 100), new Order(2, other, 200)))
                .isInstanceOfSatisfying(CrossShardTransactionException.class, ex -> {
                    assertThat(ex.getBoundShard()).isEqualTo(first.name());
                    assertThat(ex.getShard()).isEqualTo(orders.shardOf(other).name());
                    assertThat(ex.getRule()).isEqualTo("orders");
                    assertThat(ex).hasMessageContaining("OrderRepository.insert(Order)");
                    // Before: "... but the open transaction of OrderRepository.insert(Order) is already bound ...",
                    // naming the inner method; the transaction was opened by the outer service method.
                    assertThat(ex.getOpenedBy()).isEqualTo("RoutingTestApplication$OrderService.placeBoth");
                    assertThat(ex).hasMessage("Rule 'orders': OrderRepository.insert(Order) routes key "
                            + ShardingException.describeKey(other) + " to shard '" + orders.shardOf(other).name()
                            + "' but the open transaction (opened by RoutingTestApplication$OrderService.placeBoth) "
                            + "is bound to shard '" + first.name() + "'; one unit of work may use one shard only");
                });
        assertThat(TestShards.totalOrders(registry)).as("outer insert rolled back, inner never ran").isZero();
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void unroutedAccessIsRefused() {
        assertThatThrownBy(() -> jdbc.queryForObject("select count(*) from orders", Long.class))
                .isInstanceOf(NoShardBoundException.class).hasMessageContaining("No shard is bound");
    }

    @Test
    void keysResolveFromRecordsBeansMapsSpelAndNestedPaths() {
        for (long customer = 0; customer < 20; customer++) {
            String expected = orders.shardOf(customer).name();
            assertThat(repository.shardOfBean(new OrderBean(customer))).isEqualTo(expected);
            assertThat(repository.shardOfMap(Map.of("customerId", customer))).isEqualTo(expected);
            assertThat(repository.shardOfMapSpel(Map.of("customerId", customer))).isEqualTo(expected);
            assertThat(repository.shardOfCart(new Cart(new Customer(customer)))).isEqualTo(expected);
            assertThat(repository.shardOfNullable(customer)).isEqualTo(expected);
            assertThat(queries.shardOf(customer)).isEqualTo(expected);
        }
    }

    @Test
    void badKeysFailTypedNamingRuleMethodAndExpression() {
        assertThatThrownBy(() -> repository.shardOfNullable(null))
                .isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("Rule 'orders'").hasMessageContaining("[null]")
                .hasMessageContaining("OrderRepository.shardOfNullable(Long) key [#p0]");
        assertThatThrownBy(() -> repository.shardOfAnything(4.2d))
                .isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("[java.lang.Double 4.2]")
                .hasMessageContaining("OrderRepository.shardOfAnything(Object) key [@ShardKey key]")
                .hasMessageContaining("expected a non-null Long");
        // Before: the key method's own IllegalStateException escaped bare, naming neither method nor expression.
        assertThatThrownBy(() -> repository.badExpression(new Order(1, 2, 3)))
                .isInstanceOf(ShardKeyResolutionException.class)
                .hasMessage("Rule 'orders': could not resolve the shard key [#order.failingKey()] of "
                        + "OrderRepository.badExpression(Order): evaluating it threw java.lang.IllegalStateException: "
                        + "no key for order 1")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("no key for order 1");
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void concurrentCallersNeverSeeAnotherTasksBinding() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                long base = task * 1000L;
                futures.add(pool.submit(() -> insertMany(base, 50, problems)));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
        assertThat(TestShards.totalOrders(registry)).isEqualTo(400);
        for (Shard shard : registry.shards()) {
            for (long id : TestShards.orderIds(shard)) {
                long customer = TestShards.direct(shard).queryForObject(
                        "select customer_id from orders where id = ?", Long.class, id);
                assertThat(orders.shardOf(customer)).isEqualTo(shard);
            }
        }
    }

    @Test
    void routedCallsAndRoutingFailuresAreMetered() {
        long customer = 42;
        String shard = orders.shardOf(customer).name();
        double before = routedCount(shard, MeterNames.OUTCOME_SUCCESS);
        for (int i = 0; i < 3; i++) {
            repository.findIds(customer);
        }
        assertThat(routedCount(shard, MeterNames.OUTCOME_SUCCESS) - before).isEqualTo(3);

        double failedBefore = routedCount(shard, MeterNames.OUTCOME_FAILURE);
        assertThatThrownBy(() -> repository.insertThenFail(new Order(1, customer, 1)));
        assertThat(routedCount(shard, MeterNames.OUTCOME_FAILURE) - failedBefore).isEqualTo(1);

        double invalidBefore = failures("InvalidShardKeyException");
        assertThatThrownBy(() -> repository.shardOfNullable(null));
        assertThat(failures("InvalidShardKeyException") - invalidBefore).isEqualTo(1);
        assertThat(meters.find("hikaricp.connections.max").tag("pool", "shard-0").gauge()).isNotNull()
                .extracting(g -> g.value()).isEqualTo(4.0);
    }

    private void insertMany(long base, int count, Queue<String> problems) {
        Random random = new Random(base);
        for (int i = 0; i < count; i++) {
            long customer = random.nextInt(10_000);
            if (ShardContext.current() != null) {
                problems.add("bound before call " + i + ": " + ShardContext.current());
            }
            String shard = repository.insert(new Order(base + i, customer, i));
            if (!shard.equals(orders.shardOf(customer).name())) {
                problems.add("customer " + customer + " ran on " + shard);
            }
            if (ShardContext.current() != null) {
                problems.add("bound after call " + i + ": " + ShardContext.current());
            }
        }
    }

    private double routedCount(String shard, String outcome) {
        var timer = meters.find(MeterNames.ROUTED_CALLS).tags(MeterNames.TAG_RULE, "orders",
                MeterNames.TAG_SHARD, shard, MeterNames.TAG_OUTCOME, outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double failures(String exception) {
        var counter = meters.find(MeterNames.ROUTING_FAILURES).tags(MeterNames.TAG_RULE, "orders",
                MeterNames.TAG_EXCEPTION, exception).counter();
        return counter == null ? 0 : counter.count();
    }

    private long[] customersOn(Shard shard, int count) {
        long[] found = new long[count];
        int n = 0;
        for (long customer = 0; n < count; customer++) {
            if (orders.shardOf(customer).equals(shard)) {
                found[n++] = customer;
            }
        }
        return found;
    }

    private long customerNotOn(Shard shard) {
        long customer = 0;
        while (orders.shardOf(customer).equals(shard)) {
            customer++;
        }
        return customer;
    }

    private static int indexOf(Advisor[] advisors, Class<?> type) {
        for (int i = 0; i < advisors.length; i++) {
            if (type.isInstance(advisors[i])) {
                return i;
            }
        }
        return -1;
    }
}
