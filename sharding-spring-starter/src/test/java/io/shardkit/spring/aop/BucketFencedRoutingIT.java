package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.annotation.Sharded;
import io.shardkit.bucket.BucketTables;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.bucket.UnfencedWriteException;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.spring.testing.TestShards;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code @Sharded} calls of a bucketed rule take their bucket's fence in their own transaction, as
 * {@code BucketWrites.write} does: a write to a bucket being moved is journaled with it, a write that reaches an
 * old owner is refused there and the call runs again on the new owner (the waiting a cutover causes is not an
 * error), and a write in auto-commit mode, which could not hold the fence, is refused. Calls routed by an id of the
 * rule ({@code bucketed-id}) check their bucket's owner the same way and are refused while the bucket moves.
 */
@SpringBootTest(classes = BucketFencedRoutingIT.App.class)
class BucketFencedRoutingIT {

    private static final String RULE = "orders";

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        for (String property : TestShards.properties("fenced")) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
        registry.add("shardkit.rules.orders.strategy", () -> "bucketed");
        registry.add("shardkit.rules.orders.buckets", () -> "64");
        registry.add("shardkit.rules.orders.key-type", () -> "long");
        registry.add("shardkit.rules.order-ids.strategy", () -> "bucketed-id");
        registry.add("shardkit.rules.order-ids.buckets-rule", () -> RULE);
    }

    @Autowired
    ShardRegistry registry;
    @Autowired
    ShardingRules rules;
    @Autowired
    Orders orders;
    @Autowired
    Checkout checkout;
    @Autowired
    ShardIdGenerator ids;

    private ShardingRule rule;
    private BucketedStrategy buckets;
    private final Set<Integer> used = new HashSet<>();

    @BeforeEach
    void createTable() {
        TestShards.createOrdersTable(registry);
        rule = rules.rule(RULE);
        buckets = (BucketedStrategy) rule.strategy();
        orders.runs().set(0);
        checkout.runs().set(0);
    }

    @Test
    void aWriteToABucketBeingMovedIsJournaledInItsTransactionAndARolledBackOneIsNot() throws SQLException {
        long customer = freshCustomer();
        Shard owner = rule.shardOf(customer);
        int bucket = buckets.bucketOf(RULE, customer);
        try (Connection c = owner.dataSource().getConnection()) {
            BucketTables.setMoving(c, RULE, bucket, otherThan(owner).name());
        }
        orders.place(1, customer);
        assertThatThrownBy(() -> orders.placeThenFail(2, customer)).isInstanceOf(IllegalStateException.class);
        try (Connection c = owner.dataSource().getConnection()) {
            assertThat(BucketTables.journalOf(c, RULE, bucket, 100)).as("the committed write's key, once")
                    .singleElement().satisfies(entry -> assertThat(entry.key()).isEqualTo(customer));
            BucketTables.setMoving(c, RULE, bucket, null);
            BucketTables.clearJournal(c, RULE, bucket);
        }
        assertThat(TestShards.orderIds(owner)).containsExactly(1L);
    }

    @Test
    void aWriteRefusedByTheOldOwnerRunsAgainOnTheNewOneAndLandsThereOnly() throws SQLException {
        long customer = freshCustomer();
        Shard old = rule.shardOf(customer);
        Shard target = flipBehindTheInstancesBack(customer);
        orders.place(3, customer);
        assertThat(orders.runs()).as("refused on the old owner, run again on the new").hasValue(2);
        assertThat(TestShards.orderIds(target)).containsExactly(3L);
        assertThat(TestShards.orderIds(old)).as("the old owner refused before the insert committed").isEmpty();
        assertThat(rule.shardOf(customer)).as("the map learnt the new owner").isEqualTo(target);
    }

    @Test
    void onlyTheOutermostRoutedCallRunsAgainTheInnerOnesRefusalRollsItsTransactionBack() throws SQLException {
        long customer = freshCustomer();
        Shard target = flipBehindTheInstancesBack(customer);
        checkout.placeTwo(4, 5, customer);
        assertThat(checkout.runs()).as("the outer call ran again").hasValue(2);
        assertThat(TestShards.orderIds(target)).containsExactly(4L, 5L);
        assertThat(TestShards.totalOrders(registry)).isEqualTo(2);
    }

    @Test
    void aWriteInAutoCommitModeIsRefusedBeforeItReachesTheShard() {
        long customer = freshCustomer();
        assertThatThrownBy(() -> orders.placeWithoutTransaction(6, customer))
                .isInstanceOf(UnfencedWriteException.class)
                .hasMessageContaining("Rule 'orders' is bucketed: executeUpdate for key [java.lang.Long " + customer
                        + "]")
                .hasMessageContaining("run the write in a transaction");
        assertThat(TestShards.totalOrders(registry)).isZero();
        assertThat(orders.readWithoutTransaction(customer)).as("reads need no fence").isZero();
    }

    @Test
    void aWriteRoutedByIdChecksItsBucketsOwnerAndIsRefusedWhileTheBucketMoves() throws SQLException {
        long customer = freshCustomer();
        Shard owner = rule.shardOf(customer);
        long id = ids.nextIdFor(rule, customer);
        orders.place(id, customer);
        orders.setAmountById(id, 5);
        assertThat(amountOf(owner, id)).isEqualTo(5);

        int bucket = buckets.bucketOf(RULE, customer);
        try (Connection c = owner.dataSource().getConnection()) {
            BucketTables.setMoving(c, RULE, bucket, otherThan(owner).name());
        }
        assertThatThrownBy(() -> orders.setAmountById(id, 6)).isInstanceOf(UnfencedWriteException.class)
                .hasMessageContaining("a write routed by id [java.lang.Long " + id + "] reached shard '"
                        + owner.name() + "' while bucket " + bucket + " is being moved away from it");
        assertThat(amountOf(owner, id)).as("refused before the update ran").isEqualTo(5);
        try (Connection c = owner.dataSource().getConnection()) {
            BucketTables.setMoving(c, RULE, bucket, null);
        }
    }

    @Test
    void aWriteRoutedByIdThatReachesTheOldOwnerRunsAgainOnTheNewOne() throws SQLException {
        long customer = freshCustomer();
        Shard old = rule.shardOf(customer);
        long id = ids.nextIdFor(rule, customer);
        orders.place(id, customer);
        Shard target = flipBehindTheInstancesBack(customer);
        TestShards.direct(target).update("insert into orders (id, customer_id, amount) values (?, ?, 1)", id,
                customer);
        orders.setAmountById(id, 7);
        assertThat(amountOf(target, id)).as("written on the new owner").isEqualTo(7);
        assertThat(amountOf(old, id)).as("the old owner refused").isEqualTo(1);
    }

    private static long amountOf(Shard shard, long id) {
        Long amount = TestShards.direct(shard).queryForObject("select amount from orders where id = ?", Long.class,
                id);
        return amount == null ? -1 : amount;
    }

    /** Flips the customer's bucket to another shard in the databases only, as another instance's mover would. */
    private Shard flipBehindTheInstancesBack(long customer) throws SQLException {
        Shard old = rule.shardOf(customer);
        Shard target = otherThan(old);
        int bucket = buckets.bucketOf(RULE, customer);
        long epoch = buckets.map().epochOf(bucket) + 1;
        for (Shard shard : new Shard[] {old, target}) {
            try (Connection c = shard.dataSource().getConnection()) {
                BucketTables.setOwner(c, RULE, bucket, target.name(), epoch);
            }
        }
        assertThat(rule.shardOf(customer)).as("this instance's map is stale").isEqualTo(old);
        return target;
    }

    private Shard otherThan(Shard shard) {
        return registry.shard((rule.shards().indexOf(shard) + 1) % rule.shards().size());
    }

    /** A customer whose bucket no earlier test of this context touched. */
    private long freshCustomer() {
        for (long customer = 1; ; customer++) {
            if (used.add(buckets.bucketOf(RULE, customer))) {
                return customer;
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Orders orders(JdbcTemplate jdbc) {
            return new Orders(jdbc);
        }

        @Bean
        Checkout checkout(Orders orders) {
            return new Checkout(orders);
        }
    }

    /** Writes of the bucketed rule, routed by customer. */
    public static class Orders {
        private final AtomicInteger runs = new AtomicInteger();

        /** How often a routed method's body ran; a getter, as a field read on the proxy would see the proxy's. */
        public AtomicInteger runs() {
            return runs;
        }
        private final JdbcTemplate jdbc;

        Orders(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Sharded(rule = RULE, key = "#customer")
        @Transactional
        public void place(long id, long customer) {
            runs.incrementAndGet();
            insert(id, customer);
        }

        @Sharded(rule = RULE, key = "#customer")
        @Transactional
        public void placeThenFail(long id, long customer) {
            insert(id, customer);
            throw new IllegalStateException("rolled back on purpose");
        }

        @Sharded(rule = "order-ids", key = "#id")
        @Transactional
        public void setAmountById(long id, long amount) {
            jdbc.update("update orders set amount = ? where id = ?", amount, id);
        }

        @Sharded(rule = RULE, key = "#customer")
        public void placeWithoutTransaction(long id, long customer) {
            insert(id, customer);
        }

        @Sharded(rule = RULE, key = "#customer")
        public int readWithoutTransaction(long customer) {
            Integer count = jdbc.queryForObject("select count(*) from orders where customer_id = ?", Integer.class,
                    customer);
            return count == null ? -1 : count;
        }

        private void insert(long id, long customer) {
            jdbc.update("insert into orders (id, customer_id, amount) values (?, ?, 1)", id, customer);
        }
    }

    /** Opens the transaction around two routed writes of one customer. */
    public static class Checkout {
        private final AtomicInteger runs = new AtomicInteger();

        /** How often a routed method's body ran; a getter, as a field read on the proxy would see the proxy's. */
        public AtomicInteger runs() {
            return runs;
        }
        private final Orders orders;

        Checkout(Orders orders) {
            this.orders = orders;
        }

        @Sharded(rule = RULE, key = "#customer")
        @Transactional
        public void placeTwo(long first, long second, long customer) {
            runs.incrementAndGet();
            orders.place(first, customer);
            orders.place(second, customer);
        }
    }
}
