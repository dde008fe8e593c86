package io.shardkit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.KeyOutOfRangeException;
import io.shardkit.KeyRange;
import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.UnknownRuleException;
import io.shardkit.audit.ShardAudit;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.it.support.OrderTable.Row;
import io.shardkit.it.support.OrderTable;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.paging.InvalidPageTokenException;
import io.shardkit.scatter.paging.KeysetPager;
import io.shardkit.scatter.paging.Page;
import io.shardkit.scatter.paging.PageCall;
import io.shardkit.scatter.paging.SortKeyCodecs;
import io.shardkit.strategy.ShardingStrategies;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing and transactions through the core API (registry of Hikari pools, hash rule, routing DataSource) on
 * four databases of one real server. Each server gets a subclass; the assertions are the same for all.
 *
 */
abstract class RealShardsRoutingContract extends RealShardsFixture {

    static final int CUSTOMERS = 400;

    ShardingRule orders;
    ShardingRules rules;

    @BeforeAll
    void createRulesAndTables() throws SQLException {
        orders = ShardingRule.over("orders", registry, ShardingStrategies.hash(SHARDS));
        rules = ShardingRules.of(List.of(orders), null);
        OrderTable.createOn(registry);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        OrderTable.clear(registry);
    }

    @Test
    void everyRowLandsOnExactlyTheShardItsKeyRoutesTo() throws SQLException {
        for (long customer = 1; customer <= CUSTOMERS; customer++) {
            try (ShardScope ignored = ShardContext.bind(orders.shardOf(customer))) {
                OrderTable.insert(routing, customer * 10, customer, customer * 100);
            }
        }

        Set<Long> seen = new HashSet<>();
        for (Shard shard : registry.shards()) {
            List<Row> rows = OrderTable.rowsOn(shard);
            // Hash placement over 400 keys: every shard gets a share, so a router stuck on one shard would fail.
            assertThat(rows).as("rows on %s", shard).hasSizeGreaterThan(CUSTOMERS / SHARDS / 2);
            for (Row row : rows) {
                assertThat(orders.shardOf(row.customerId())).as("shard of customer %s", row.customerId())
                        .isEqualTo(shard);
                assertThat(seen.add(row.customerId())).as("customer %s stored once", row.customerId()).isTrue();
            }
        }
        assertThat(seen).hasSize(CUSTOMERS);

        for (long customer = 1; customer <= CUSTOMERS; customer += 37) {
            try (ShardScope ignored = ShardContext.bind(orders.shardOf(customer))) {
                assertThat(OrderTable.byCustomer(routing, customer))
                        .containsExactly(new Row(customer * 10, customer, customer * 100));
            }
        }
    }

    @Test
    void committedTransactionIsVisibleOnItsShardOnly() throws SQLException {
        long customer = 4242;
        Shard home = orders.shardOf(customer);
        try (ShardScope ignored = ShardContext.bind(home); Connection c = routing.getConnection()) {
            c.setAutoCommit(false);
            OrderTable.insert(c, 1, customer, 100);
            OrderTable.insert(c, 2, customer, 200);
            c.commit();
        }
        assertThat(OrderTable.rowsOn(home)).extracting(Row::id).containsExactly(1L, 2L);
        assertThat(OrderTable.countAll(registry)).isEqualTo(2);
    }

    @Test
    void rolledBackTransactionLeavesNothingAnywhere() throws SQLException {
        long customer = 777;
        Shard home = orders.shardOf(customer);
        try (ShardScope ignored = ShardContext.bind(home); Connection c = routing.getConnection()) {
            c.setAutoCommit(false);
            OrderTable.insert(c, 1, customer, 100);
            OrderTable.insert(c, 2, customer, 200);
            assertThat(OrderTable.byCustomer(c, customer)).hasSize(2);
            c.rollback();
        }
        assertThat(OrderTable.countAll(registry)).isZero();
    }

    @Test
    void failedStatementInsideATransactionRollsBackTheWholeTransaction() throws SQLException {
        long customer = 31;
        Shard home = orders.shardOf(customer);
        try (ShardScope ignored = ShardContext.bind(home); Connection c = routing.getConnection()) {
            c.setAutoCommit(false);
            OrderTable.insert(c, 1, customer, 100);
            assertThatThrownBy(() -> OrderTable.insert(c, 1, customer, 999))
                    .as("duplicate primary key").isInstanceOf(SQLException.class);
            c.rollback();
        }
        assertThat(OrderTable.countAll(registry)).isZero();
    }

    @Test
    void nullAndWrongTypedKeysAreRefusedNamingRuleAndKey() throws SQLException {
        assertThatThrownBy(() -> orders.shardOf(null))
                .isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("Rule 'orders'").hasMessageContaining("[null]")
                .hasMessageContaining("expected");
        assertThatThrownBy(() -> orders.shardOf(new BigDecimal("12.5")))
                .isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("[java.math.BigDecimal 12.5]")
                .satisfies(ex -> assertThat(((InvalidShardKeyException) ex).getRule()).isEqualTo("orders"));
        assertThatThrownBy(() -> orders.groupByShard(List.of(1L, 2.5d)))
                .isInstanceOf(InvalidShardKeyException.class).hasMessageContaining("[java.lang.Double 2.5]");
        assertThat(OrderTable.countAll(registry)).isZero();
    }

    @Test
    void unknownRuleIsRefusedListingTheKnownRules() {
        assertThatThrownBy(() -> rules.rule("invoices"))
                .isInstanceOf(UnknownRuleException.class)
                .hasMessageContaining("'invoices'").hasMessageContaining("[orders]");
    }

    @Test
    void unboundConnectionIsRefusedRatherThanSentToAnyShard() throws SQLException {
        assertThatThrownBy(() -> OrderTable.insert(routing, 1, 1, 1)).isInstanceOf(NoShardBoundException.class);
        assertThat(OrderTable.countAll(registry)).isZero();
    }

    @Test
    void groupByShardSendsEachKeyToItsShard() throws SQLException {
        List<Long> customers = new ArrayList<>();
        for (long c = 1000; c < 1100; c++) {
            customers.add(c);
        }
        for (ShardingRule.ShardKeys<Long> group : orders.groupByShard(customers)) {
            try (ShardScope ignored = ShardContext.bind(group.shard()); Connection c = routing.getConnection()) {
                c.setAutoCommit(false);
                for (long customer : group.keys()) {
                    OrderTable.insert(c, customer, customer, 1);
                }
                c.commit();
            }
        }
        for (Shard shard : registry.shards()) {
            for (Row row : OrderTable.rowsOn(shard)) {
                assertThat(orders.shardOf(row.customerId())).isEqualTo(shard);
            }
        }
        assertThat(OrderTable.countAll(registry)).isEqualTo(customers.size());
    }

    @Test
    void rangeRulePlacesEachAmountOnItsBandAndRefusesKeysOutsideEveryRange() throws SQLException {
        ShardingRule byAmount = ShardingRule.of("by-amount", registry, ShardingStrategies.range(Long.class)
                .range(KeyRange.closedOpen(0L, 1_000L), "shard-0")
                .range(KeyRange.closedOpen(1_000L, 5_000L), "shard-1")
                .range(KeyRange.closedOpen(5_000L, 20_000L), "shard-2")
                .range(KeyRange.closedOpen(20_000L, 50_000L), "shard-3")
                .build());
        long[] amounts = {0, 999, 1_000, 4_999, 5_000, 19_999, 20_000, 49_999};
        for (int i = 0; i < amounts.length; i++) {
            try (ShardScope ignored = ShardContext.bind(byAmount.shardOf(amounts[i]))) {
                OrderTable.insert(routing, i + 1, i + 1, amounts[i]);
            }
        }
        for (int s = 0; s < SHARDS; s++) {
            assertThat(OrderTable.rowsOn(registry.shard(s))).extracting(Row::amount)
                    .containsExactly(amounts[2 * s], amounts[2 * s + 1]);
        }
        assertThat(ShardAudit.of(byAmount).table("orders").keyColumn("amount").build().run().isClean())
                .isTrue();

        assertThatThrownBy(() -> byAmount.shardOf(50_000L))
                .isInstanceOf(KeyOutOfRangeException.class)
                .hasMessageContaining("Rule 'by-amount'").hasMessageContaining("[java.lang.Long 50000]");
        assertThatThrownBy(() -> byAmount.shardOf(-1L)).isInstanceOf(KeyOutOfRangeException.class);
        assertThatThrownBy(() -> byAmount.shardOf("1200")).isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("[java.lang.String 1200]");
        assertThat(OrderTable.countAll(registry)).isEqualTo(amounts.length);
    }

    @Test
    void ordersWithShardAwareIdsAreFoundByIdAloneOnTheirCustomersShard() throws SQLException {
        ShardIdGenerator ids = ShardIdGenerator.ofDefaults();
        ShardingRule byOrderId = ShardingRule.over("orders-by-id", registry, ShardingStrategies.id(SHARDS));
        List<Long> placed = new ArrayList<>();
        for (long customer = 1; customer <= 100; customer++) {
            long orderId = ids.nextIdFor(orders, customer);
            try (ShardScope ignored = ShardContext.bind(orders.shardOf(customer))) {
                OrderTable.insert(routing, orderId, customer, 1);
            }
            placed.add(orderId);
        }
        for (long orderId : placed) {
            Shard byId = byOrderId.shardOf(orderId);
            assertThat(OrderTable.rowsOn(byId)).extracting(Row::id).contains(orderId);
        }
        assertThat(ShardAudit.of(byOrderId).table("orders").keyColumn("id").build().run().isClean()).isTrue();
        assertThatThrownBy(() -> byOrderId.shardOf(-5L)).isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("-5");
    }

    /**
     * Cross-shard keyset paging on the real server: walking every page returns each row once, in id order, and a
     * malformed, altered or foreign page token is a typed {@link InvalidPageTokenException}, never a query.
     */
    @Test
    void keysetPagesWalkEveryRowOnceAndRefuseBadTokens() throws SQLException {
        for (long customer = 1; customer <= CUSTOMERS; customer++) {
            try (ShardScope ignored = ShardContext.bind(orders.shardOf(customer))) {
                OrderTable.insert(routing, customer * 10, customer, customer * 100);
            }
        }
        KeysetPager<Long, Row> pager = KeysetPager.<Long, Row>builder()
                .secret("it-secret-it-secret-it-secret-it-secret")
                .order(Comparator.<Long>naturalOrder()).sortKey(Row::id).codec(SortKeyCodecs.longs()).build();
        PageCall<Long, Row> byId = (shard, after, limit) -> OrderTable.pageOn(shard, after, limit);
        try (ScatterGatherExecutor scatter = ScatterGatherExecutor.ofDefaults()) {
            List<Long> walked = new ArrayList<>();
            String token = null;
            String secondToken = null;
            do {
                Page<Row> page = pager.page(scatter, orders, "orders by id", token, 37, byId);
                page.items().forEach(row -> walked.add(row.id()));
                token = page.nextToken();
                secondToken = secondToken == null ? token : secondToken;
            } while (token != null);
            List<Long> expected = new ArrayList<>();
            for (long customer = 1; customer <= CUSTOMERS; customer++) {
                expected.add(customer * 10);
            }
            assertThat(walked).isEqualTo(expected);

            String issued = secondToken;
            String altered = issued.substring(0, issued.length() - 2)
                    + (issued.charAt(issued.length() - 2) == 'A' ? 'B' : 'A') + issued.charAt(issued.length() - 1);
            for (String bad : List.of("not-a-token", "", altered)) {
                assertThatThrownBy(() -> pager.page(scatter, orders, "orders by id", bad, 37, byId))
                        .as("token [%s]", bad).isInstanceOf(InvalidPageTokenException.class);
            }
            assertThatThrownBy(() -> pager.page(scatter, orders, "another query", issued, 37, byId))
                    .isInstanceOf(InvalidPageTokenException.class);
        }
    }
}
