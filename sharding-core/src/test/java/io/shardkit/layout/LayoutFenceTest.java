package io.shardkit.layout;

import static io.shardkit.layout.FencedShards.databases;
import static io.shardkit.layout.FencedShards.orders;
import static io.shardkit.layout.FencedShards.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The layout fence on H2: what it stamps, what it refuses (each with its exact message), and the gate. */
class LayoutFenceTest {

    @Test
    void theFirstStartStampsEveryShardAndTheNextOnlyReads() throws SQLException {
        List<DataSource> dbs = databases("first", 3);
        LayoutReport first = verify(LayoutFence.ofDefaults(), dbs);
        assertThat(first.verified()).containsExactly("shard-0", "shard-1", "shard-2");
        assertThat(first.stamped()).containsExactly("shard-0", "shard-1", "shard-2");
        assertThat(rows(dbs.get(1))).contains("default|shard.name|shard-1|", "default|shard.index|1|",
                "default|member.shard-2|2|stamped",
                "default|rule.orders|" + first.rules().get("orders").hash() + "|hash(algorithm=jump, "
                        + "hash=murmur3-x64-128, slots=3) over [shard-0, shard-1, shard-2]");

        List<String> before = rows(dbs.get(0));
        LayoutReport second = verify(LayoutFence.ofDefaults(), dbs);
        assertThat(second.verified()).containsExactly("shard-0", "shard-1", "shard-2");
        assertThat(second.stamped()).isEmpty();
        assertThat(rows(dbs.get(0))).isEqualTo(before);
    }

    @Test
    void swappedUrlsFailNamingBothShards() {
        List<DataSource> dbs = databases("swapped", 3);
        verify(LayoutFence.ofDefaults(), dbs);
        assertThatThrownBy(() -> verify(LayoutFence.ofDefaults(), List.of(dbs.get(0), dbs.get(2), dbs.get(1))))
                .isInstanceOf(LayoutMismatchException.class)
                .hasMessage("Layout 'default' does not match the shard databases (2 problems):\n"
                        + "  - Shard 'shard-1': expected the identity of shard 'shard-1' (index 1) of layout "
                        + "'default'; found the identity of shard 'shard-2', whose url in turn reaches the database "
                        + "of shard 'shard-1': the two urls are swapped\n"
                        + "  - Shard 'shard-2': expected the identity of shard 'shard-2' (index 2) of layout "
                        + "'default'; found the identity of shard 'shard-1', whose url in turn reaches the database "
                        + "of shard 'shard-2': the two urls are swapped")
                .satisfies(ex -> assertThat(((LayoutMismatchException) ex).getAction()).isEqualTo(
                        "Shard 'shard-1': swap the urls of shards 'shard-1' and 'shard-2' back\n"
                                + "Shard 'shard-2': swap the urls of shards 'shard-2' and 'shard-1' back"));
    }

    @Test
    void aUrlReachingAnotherShardsDatabaseFails() {
        List<DataSource> dbs = databases("rotated", 3);
        verify(LayoutFence.ofDefaults(), dbs);
        assertThatThrownBy(() -> verify(LayoutFence.ofDefaults(), List.of(dbs.get(1), dbs.get(2), dbs.get(0))))
                .isInstanceOf(LayoutMismatchException.class)
                .hasMessageContaining("  - Shard 'shard-0': expected the identity of shard 'shard-0' (index 0) of "
                        + "layout 'default'; found the identity of shard 'shard-1' (index 1): its url reaches the "
                        + "database of shard 'shard-1'\n");
    }

    @Test
    void twoShardsOnOneDatabaseFailOnTheFirstStart() {
        List<DataSource> dbs = databases("shared", 2);
        LayoutMismatchException ex = catchMismatch(() -> verify(LayoutFence.ofDefaults(),
                List.of(dbs.get(0), dbs.get(1), dbs.get(1))));
        assertThat(ex.getProblems()).singleElement().satisfies(p -> {
            assertThat(p.shard()).isEqualTo("shard-2");
            assertThat(p.kind()).isEqualTo(LayoutProblem.Kind.SHARED_DATABASE);
            assertThat(p.found()).startsWith("the identity of shard 'shard-1' (database id ")
                    .endsWith("): its url reaches the same database as shard 'shard-1' (or a copy of it)");
            assertThat(p.action()).isEqualTo("give shard 'shard-2' a database of its own: two shards on one "
                    + "database would mix their rows");
        });
    }

    @Test
    void twoShardsOnOneStampedDatabaseFail() {
        List<DataSource> dbs = databases("shared-later", 3);
        verify(LayoutFence.ofDefaults(), dbs);
        LayoutMismatchException ex = catchMismatch(() -> verify(LayoutFence.ofDefaults(),
                List.of(dbs.get(0), dbs.get(0), dbs.get(2))));
        assertThat(ex.getProblems()).extracting(LayoutProblem::shard, LayoutProblem::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shard-1", LayoutProblem.Kind.SHARED_DATABASE));
    }

    @Test
    void aChangedRuleFailsUntilTheChangeIsAccepted() {
        List<DataSource> dbs = databases("rule", 2);
        LayoutFence fence = LayoutFence.ofDefaults();
        ShardRegistry registry = registry(fence, dbs);
        fence.verify(registry, orders(registry));
        ShardRegistry moduloRegistry = registry(LayoutFence.ofDefaults(), dbs);
        ShardingRule modulo = ShardingRule.over("orders", moduloRegistry,
                ShardingStrategies.hash(2, io.shardkit.strategy.HashAlgorithm.MODULO));
        String newHash = RuleFingerprint.of(modulo).hash();
        String oldHash = RuleFingerprint.of(orders(registry).get(0)).hash();

        assertThatThrownBy(() -> verify(LayoutFence.ofDefaults(), dbs, List.of(modulo)))
                .hasMessageContaining("  - Shard 'shard-0', rule 'orders': expected hash(algorithm=modulo, "
                        + "hash=murmur3-x64-128, slots=2) over [shard-0, shard-1] (fingerprint " + newHash
                        + "), the rule as configured now; found hash(algorithm=jump, hash=murmur3-x64-128, slots=2)"
                        + " over [shard-0, shard-1] (fingerprint " + oldHash + "), the mapping its rows were "
                        + "written with");

        LayoutFence accepting = LayoutFence.custom().acceptRuleChange("orders", newHash).build();
        assertThat(verify(accepting, dbs, List.of(modulo)).verified()).containsExactly("shard-0", "shard-1");
        // Recorded: the next start needs no acceptance, and the old rule now fails.
        assertThat(verify(LayoutFence.ofDefaults(), dbs, List.of(modulo)).verified()).hasSize(2);
        assertThatThrownBy(() -> verify(LayoutFence.ofDefaults(), dbs))
                .hasMessageContaining("(fingerprint " + oldHash + "), the rule as configured now");
    }

    @Test
    void aStampedShardWhoseDatabaseHoldsNoIdentityFails() {
        List<DataSource> dbs = databases("missing", 2);
        verify(LayoutFence.ofDefaults(), dbs);
        DataSource empty = databases("empty", 1).get(0);
        assertThatThrownBy(() -> verify(LayoutFence.ofDefaults(), List.of(dbs.get(0), empty)))
                .hasMessage("Layout 'default' does not match the shard databases (1 problem):\n"
                        + "  - Shard 'shard-1': expected the identity of shard 'shard-1' (index 1) of layout "
                        + "'default', which the records on shards [shard-0] say was stamped; found no identity of "
                        + "layout 'default' in table shardkit_layout: a new, emptied or different database");
    }

    @Test
    void aForeignLayoutFails() {
        List<DataSource> dbs = databases("foreign", 2);
        verify(LayoutFence.custom().layoutName("payments").build(), dbs);
        assertThatThrownBy(() -> verify(LayoutFence.custom().layoutName("orders").build(), dbs))
                .hasMessageContaining("  - Shard 'shard-0': expected the identity of shard 'shard-0' (index 0) of "
                        + "layout 'orders'; found the identity of layout 'payments' (shard 'shard-0', index 0)\n");
    }

    @Test
    void aChangedIndexFails() {
        List<DataSource> dbs = databases("index", 2);
        verify(LayoutFence.ofDefaults(), dbs);
        LayoutFence again = LayoutFence.ofDefaults();
        ShardRegistry gated = ShardRegistry.builder().gates(again)
                .shard("shard-1", 0, dbs.get(1)).shard("shard-0", 1, dbs.get(0)).build();
        assertThatThrownBy(() -> again.verify(gated, orders(gated)))
                .hasMessageContaining("  - Shard 'shard-1': expected index 0 (as configured); found index 1, the "
                        + "index its rows were written under");
        assertThat(gated.names()).containsExactly("shard-1", "shard-0");
    }

    @Test
    void aMissingTableFailsWhenTheFenceMayNotCreateIt() {
        List<DataSource> dbs = databases("notable", 1);
        assertThatThrownBy(() -> verify(LayoutFence.custom().createTable(false).build(), dbs))
                .hasMessage("Layout 'default' does not match the shard databases (1 problem):\n"
                        + "  - Shard 'shard-0': expected table shardkit_layout holding the layout identity; found no "
                        + "such table, and the fence may not create it");
    }

    @Test
    void anAddedShardIsStampedAndJoinsTheRecords() throws SQLException {
        List<DataSource> dbs = databases("added", 3);
        verify(LayoutFence.ofDefaults(), dbs.subList(0, 2), List.of());
        LayoutReport report = verify(LayoutFence.ofDefaults(), dbs, List.of());
        assertThat(report.stamped()).containsExactly("shard-2");
        assertThat(rows(dbs.get(0))).contains("default|member.shard-2|2|stamped");
    }

    @Test
    void aShardDownAtTheFirstStartIsStampedWhenItComesBackAndServesOnlyThen() throws SQLException {
        List<DataSource> dbs = databases("down", 2);
        FencedShards.Switchable second = new FencedShards.Switchable(dbs.get(1), false);
        LayoutFence fence = LayoutFence.ofDefaults();
        ShardRegistry registry = registry(fence, List.of(dbs.get(0), second));
        LayoutReport report = fence.verify(registry, orders(registry));
        assertThat(report.down()).containsExactly("shard-1");
        assertThat(rows(dbs.get(0))).contains("default|member.shard-1|1|pending");
        assertThat(registry.shard("shard-1").refusal()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("unreachable when the layout was checked (Connection refused (test: server down))"));

        DataSource routing = ShardRoutingDataSource.create();
        try (ShardScope scope = ShardContext.bind(registry.shard("shard-1"))) {
            assertThatThrownBy(routing::getConnection).isInstanceOf(ShardNotVerifiedException.class)
                    .hasMessage("Shard 'shard-1' is unavailable: its database could not be reached to check its "
                            + "layout identity (Connection refused (test: server down)); it is checked again on the "
                            + "next call");
            second.up();
            try (Connection c = routing.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
        assertThat(registry.shard("shard-1").refusal()).isEmpty();
        assertThat(rows(dbs.get(1))).contains("default|shard.name|shard-1|");
        assertThat(rows(dbs.get(0))).contains("default|member.shard-1|1|stamped");
    }

    @Test
    void aShardComingBackOpensEvenWhenAnotherCannotRecordIt() throws SQLException {
        List<DataSource> dbs = databases("back-other-down", 2);
        FencedShards.Switchable first = new FencedShards.Switchable(dbs.get(0), true);
        FencedShards.Switchable second = new FencedShards.Switchable(dbs.get(1), false);
        LayoutFence fence = LayoutFence.ofDefaults();
        ShardRegistry registry = registry(fence, List.of(first, second));
        fence.verify(registry, orders(registry));
        first.down();
        second.up();
        try (Connection c = registry.shard("shard-1").dataSource().getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(rows(dbs.get(0))).as("recorded by a later check").contains("default|member.shard-1|1|pending");
    }

    @Test
    void aShardThatComesBackWithTheWrongDatabaseStaysFenced() {
        List<DataSource> dbs = databases("back-wrong", 2);
        verify(LayoutFence.ofDefaults(), dbs);
        FencedShards.Switchable wrong = new FencedShards.Switchable(dbs.get(0), false);
        LayoutFence fence = LayoutFence.ofDefaults();
        ShardRegistry registry = registry(fence, List.of(dbs.get(0), wrong));
        fence.verify(registry, orders(registry));
        wrong.up();
        assertThatThrownBy(() -> registry.shard("shard-1").dataSource().getConnection())
                .isInstanceOf(ShardNotVerifiedException.class)
                .hasMessageStartingWith("Shard 'shard-1' is unavailable: its database failed the layout check and is "
                        + "fenced: Shard 'shard-1': expected the identity of shard 'shard-1' (index 1) of layout "
                        + "'default'; found the identity of shard 'shard-0'");
        assertThatThrownBy(() -> registry.shard("shard-1").dataSource().getConnection())
                .isInstanceOf(ShardNotVerifiedException.class).hasMessageContaining("is fenced");
    }

    @Test
    void shardsServeNothingBeforeTheCheckAndTheFirstUseRunsIt() throws SQLException {
        List<DataSource> dbs = databases("first-use", 2);
        LayoutFence fence = LayoutFence.ofDefaults();
        ShardRegistry registry = registry(fence, dbs);
        assertThatThrownBy(() -> registry.shard(0).dataSource().getConnection())
                .isInstanceOf(ShardNotVerifiedException.class)
                .hasMessage("Shard 'shard-0' is unavailable: its database has not been checked against the layout "
                        + "yet; call LayoutFence.verify(registry, rules) before serving");
        fence.verifyOnFirstUse(registry, () -> orders(registry));
        try (Connection c = registry.shard(0).dataSource().getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(fence.report()).hasValueSatisfying(r -> assertThat(r.stamped()).hasSize(2));
    }

    @Test
    void aFailedCheckIsThrownAgainNotForgotten() {
        List<DataSource> dbs = databases("again", 2);
        verify(LayoutFence.ofDefaults(), dbs);
        LayoutFence fence = LayoutFence.ofDefaults();
        ShardRegistry registry = registry(fence, List.of(dbs.get(1), dbs.get(0)));
        assertThatThrownBy(() -> fence.verify(registry, orders(registry))).isInstanceOf(LayoutMismatchException.class);
        assertThatThrownBy(() -> fence.verify(registry, orders(registry))).isInstanceOf(LayoutMismatchException.class);
        assertThatThrownBy(() -> registry.shard(0).dataSource().getConnection())
                .isInstanceOf(ShardNotVerifiedException.class);
    }

    @Test
    void aRegistryWithoutTheFencesGatesIsRefused() {
        ShardRegistry plain = ShardRegistry.builder().shard("shard-0", databases("plain", 1).get(0)).build();
        assertThatThrownBy(() -> LayoutFence.ofDefaults().verify(plain, List.of()))
                .hasMessage("LayoutFence: shard 'shard-0' has no gate of this fence; build the registry with "
                        + "ShardRegistry.builder().gates(fence)");
    }

    @Test
    void acceptedFingerprintsMustLookLikeOne() {
        assertThatThrownBy(() -> LayoutFence.custom().acceptRuleChange("orders", "abc"))
                .hasMessage("the accepted fingerprint of rule 'orders' must be 16 lower-case hex digits, as the "
                        + "layout check printed it, but was [abc]");
    }

    static LayoutReport verify(LayoutFence fence, List<? extends DataSource> dbs) {
        ShardRegistry registry = registry(fence, dbs);
        return fence.verify(registry, orders(registry));
    }

    static LayoutReport verify(LayoutFence fence, List<? extends DataSource> dbs, List<ShardingRule> rules) {
        ShardRegistry registry = registry(fence, dbs);
        // Rules built on another registry name the same shards; the fence compares names and slots.
        return fence.verify(registry, rules);
    }

    private static LayoutMismatchException catchMismatch(Runnable run) {
        try {
            run.run();
        } catch (LayoutMismatchException ex) {
            return ex;
        }
        throw new AssertionError("no LayoutMismatchException");
    }

    /** Every row of the identity table as {@code layout|entry|value|detail}, database-id rows left out. */
    static List<String> rows(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select layout_name, entry, entry_value, detail from shardkit_layout "
                     + "where entry <> 'database.id' order by entry")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
            return rows;
        }
    }
}
