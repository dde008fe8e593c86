package io.shardkit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShardAuditTest {

    private static final int SHARDS = 4;
    private static final int CUSTOMERS = 200;

    private ShardRegistry registry;
    private ShardingRule orders;

    @BeforeEach
    void shardsWithCorrectlyPlacedOrders() throws SQLException {
        ShardRegistryBuilder builder = ShardRegistry.builder();
        for (int i = 0; i < SHARDS; i++) {
            builder.shard("shard-" + i, H2ShardFixtures.dataSource("audit-" + i));
        }
        registry = builder.build();
        orders = ShardingRule.over("orders", registry, ShardingStrategies.hash(SHARDS));
        for (Shard shard : registry.shards()) {
            execute(shard.dataSource(), "CREATE TABLE orders (id BIGINT NOT NULL, customer_id BIGINT)");
        }
        for (long customer = 1; customer <= CUSTOMERS; customer++) {
            insert(orders.shardOf(customer), customer * 10, customer);
        }
    }

    @AfterEach
    void dropShards() throws SQLException {
        for (Shard shard : registry.shards()) {
            execute(shard.dataSource(), "SHUTDOWN");
        }
    }

    private ShardAudit.Builder audit() {
        return ShardAudit.of(orders).table("orders").keyColumn("customer_id").idColumn("id");
    }

    @Test
    void correctlyPlacedRowsAreCleanWithExactCountsPerShard() throws SQLException {
        AuditReport report = audit().fetchSize(7).build().run();

        assertThat(report.isClean()).as(report.toString()).isTrue();
        assertThat(report.totalRows()).isEqualTo(CUSTOMERS);
        assertThat(report.shards()).containsOnlyKeys("shard-0", "shard-1", "shard-2", "shard-3");
        for (Shard shard : registry.shards()) {
            assertThat(report.shard(shard.name()).rows()).isEqualTo(count(shard)).isPositive();
        }
        assertThat(report.toString()).startsWith("Shard audit of table orders (rule 'orders'): CLEAN")
                .contains("misplaced rows: 0").contains("duplicate ids: 0");
    }

    @Test
    void findsThePlantedMisplacedRowAndDuplicateAndNothingElse() throws SQLException {
        long customer = 17;
        Shard home = orders.shardOf(customer);
        Shard elsewhere = registry.shard((home.index() + 1) % SHARDS);
        insert(elsewhere, 99_999, customer);                  // misplaced, unique id
        Shard offHomeOf5 = registry.shard((orders.shardOf(5L).index() + 1) % SHARDS);
        insert(offHomeOf5, 50, 5L);                           // id 50 already exists, for customer 5 at home

        AuditReport report = audit().build().run();

        assertThat(report.isClean()).isFalse();
        assertThat(report.misplaced()).containsExactlyInAnyOrder(
                new MisplacedRow(elsewhere.name(), home.name(), customer, 99_999L),
                new MisplacedRow(offHomeOf5.name(), orders.shardOf(5L).name(), 5L, 50L));
        assertThat(report.duplicateIdCount()).isEqualTo(1);
        DuplicateId dup = report.duplicates().get(0);
        assertThat(dup.id()).isEqualTo(50L);
        assertThat(dup.shards()).containsExactlyInAnyOrder(orders.shardOf(5L).name(), offHomeOf5.name());
        assertThat(report.unroutableCount()).isZero();
        assertThat(report.totalRows()).isEqualTo(CUSTOMERS + 2);
        assertThat(report.shard(elsewhere.name()).misplaced()).isGreaterThanOrEqualTo(1);
        assertThat(report.toString()).contains("PROBLEMS FOUND")
                .contains("on " + elsewhere.name() + ": key [java.lang.Long 17] id [java.lang.Long 99999] belongs on "
                        + home.name())
                .contains("id [java.lang.Long 50] on ");
    }

    @Test
    void misplacedOnlyPlantIsTheOnlyFinding() throws SQLException {
        Shard home = orders.shardOf(123L);
        Shard elsewhere = registry.shard((home.index() + 3) % SHARDS);
        insert(elsewhere, 123_000, 123L);

        AuditReport report = audit().build().run();

        assertThat(report.misplaced()).containsExactly(new MisplacedRow(elsewhere.name(), home.name(), 123L,
                123_000L));
        assertThat(report.duplicateIdCount()).isZero();
        assertThat(report.unroutableCount()).isZero();
    }

    @Test
    void rowWithNullKeyIsReportedAsUnroutable() throws SQLException {
        insert(registry.shard(2), 7_777, null);

        AuditReport report = audit().build().run();

        assertThat(report.unroutableCount()).isEqualTo(1);
        UnroutableRow row = report.unroutable().get(0);
        assertThat(row.foundOn()).isEqualTo("shard-2");
        assertThat(row.key()).isNull();
        assertThat(row.id()).isEqualTo(7_777L);
        assertThat(row.reason()).contains("Rule 'orders'").contains("[null]");
        assertThat(report.misplacedCount()).isZero();
        assertThat(report.isClean()).isFalse();
    }

    @Test
    void listsAreCappedWhileCountsStayExact() throws SQLException {
        Shard shard0 = registry.shard(0);
        int planted = 0;
        for (long customer = 1; customer <= CUSTOMERS; customer++) {
            if (!orders.shardOf(customer).equals(shard0)) {
                insert(shard0, 1_000_000 + customer, customer);
                planted++;
            }
        }

        AuditReport report = audit().maxReported(3).build().run();

        assertThat(report.misplacedCount()).isEqualTo(planted);
        assertThat(report.misplaced()).hasSize(3);
        assertThat(report.toString()).contains("... and " + (planted - 3) + " more");
    }

    @Test
    void withoutAnIdColumnNoDuplicatesAreLookedFor() throws SQLException {
        insert(orders.shardOf(5L), 50, 5L);   // same id and key again, on its home shard

        AuditReport report = ShardAudit.of(orders).table("orders").keyColumn("customer_id").build().run();

        assertThat(report.isClean()).isTrue();
        assertThat(report.totalRows()).isEqualTo(CUSTOMERS + 1);
    }

    @Test
    void sameIdTwiceOnOneShardIsADuplicate() throws SQLException {
        insert(orders.shardOf(5L), 50, 5L);

        AuditReport report = audit().build().run();

        assertThat(report.duplicates()).containsExactly(new DuplicateId(50L,
                List.of(orders.shardOf(5L).name(), orders.shardOf(5L).name())));
        assertThat(report.misplacedCount()).isZero();
    }

    @Test
    void keyTypeConvertsTheColumnForTheStrategy() throws SQLException {
        for (Shard shard : registry.shards()) {
            execute(shard.dataSource(), "CREATE TABLE tagged (id BIGINT, customer_ref DECIMAL(20, 0))",
                    "INSERT INTO tagged SELECT id, customer_id FROM orders");
        }
        ShardAudit.Builder tagged = ShardAudit.of(orders).table("tagged").keyColumn("customer_ref");

        assertThat(tagged.build().run().unroutableCount()).as("BigDecimal keys").isEqualTo(CUSTOMERS);
        assertThat(tagged.keyType(Long.class).build().run().isClean()).isTrue();
    }

    @Test
    void missingTableFailsNamingRuleShardAndTable() {
        assertThatThrownBy(() -> ShardAudit.of(orders).table("invoices").keyColumn("customer_id").build().run())
                .isInstanceOf(ShardAuditException.class)
                .hasMessageContaining("Rule 'orders'").hasMessageContaining("[invoices]")
                .hasMessageContaining("'shard-0'")
                .satisfies(ex -> assertThat(((ShardAuditException) ex).getShard()).isEqualTo("shard-0"));
    }

    @Test
    void shardThatCannotConnectFailsTheAuditNamingTheShard() {
        DataSource dead = H2ShardFixtures.missingDatabase("audit-dead");
        ShardRegistry withDead = ShardRegistry.builder().shard("alive", registry.shard(0).dataSource())
                .shard("dead", dead).build();
        ShardingRule rule = ShardingRule.over("orders", withDead, ShardingStrategies.hash(2));

        assertThatThrownBy(() -> ShardAudit.of(rule).table("orders").keyColumn("customer_id").build().run())
                .isInstanceOf(ShardUnavailableException.class)
                .hasMessageContaining("'dead'");
    }

    @Test
    void badConfigurationIsRefusedWhenSet() {
        ShardAudit.Builder builder = ShardAudit.of(orders);
        assertThatThrownBy(() -> builder.table("orders; DROP TABLE orders"))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("table")
                .hasMessageContaining("[orders; DROP TABLE orders]");
        assertThatThrownBy(() -> builder.keyColumn("1abc")).isInstanceOf(ShardingConfigurationException.class);
        assertThatThrownBy(() -> builder.fetchSize(0)).isInstanceOf(ShardingConfigurationException.class);
        assertThatThrownBy(() -> builder.maxReported(-1)).isInstanceOf(ShardingConfigurationException.class);
        assertThatThrownBy(() -> builder.keyColumn("customer_id").build())
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("needs a table");
        assertThatThrownBy(() -> ShardAudit.of(orders).table("sales.orders").build())
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("needs a key column");
    }

    private void insert(Shard shard, long id, @Nullable Long customer) throws SQLException {
        try (Connection c = shard.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, customer_id) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setObject(2, customer);
            ps.executeUpdate();
        }
    }

    private static long count(Shard shard) throws SQLException {
        try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
