package io.shardkit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.ShardingRule;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.layout.LayoutFence;
import io.shardkit.layout.LayoutMismatchException;
import io.shardkit.layout.LayoutProblem;
import io.shardkit.layout.LayoutReport;
import io.shardkit.layout.ShardNotVerifiedException;
import io.shardkit.strategy.HashAlgorithm;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Layout fencing on real PostgreSQL and MariaDB databases: the shipped DDL, swapped urls, two shards on one
 * database, a changed rule, a missing and a foreign identity, and a shard whose database does not exist at start-up
 * and is created later: it serves nothing until it is there and checked, then is stamped.
 */
class LayoutFencingIT {

    @ParameterizedTest
    @EnumSource(RealServer.class)
    void everyWrongLayoutFailsAndTheRightOneStarts(RealServer server) {
        try (ShardDatabases dbs = ShardDatabases.create(server, 4)) {
            assertThat(check(dbs, LayoutFence.ofDefaults(), false, 0, 1, 2).stamped()).hasSize(3);
            assertThat(check(dbs, LayoutFence.ofDefaults(), false, 0, 1, 2).stamped()).isEmpty();

            assertThat(kinds(() -> check(dbs, LayoutFence.ofDefaults(), false, 0, 2, 1))).containsExactly(
                    Tuple.tuple("shard-1", LayoutProblem.Kind.SWAPPED), Tuple.tuple("shard-2",
                            LayoutProblem.Kind.SWAPPED));
            assertThat(kinds(() -> check(dbs, LayoutFence.ofDefaults(), false, 0, 1, 1))).containsExactly(
                    Tuple.tuple("shard-2", LayoutProblem.Kind.SHARED_DATABASE));
            assertThat(kinds(() -> check(dbs, LayoutFence.ofDefaults(), true, 0, 1, 2))).containsExactly(
                    Tuple.tuple("shard-0", LayoutProblem.Kind.RULE_CHANGED),
                    Tuple.tuple("shard-1", LayoutProblem.Kind.RULE_CHANGED),
                    Tuple.tuple("shard-2", LayoutProblem.Kind.RULE_CHANGED));
            assertThat(kinds(() -> check(dbs, LayoutFence.ofDefaults(), false, 0, 3, 2))).containsExactly(
                    Tuple.tuple("shard-1", LayoutProblem.Kind.MISSING_IDENTITY));
            assertThat(kinds(() -> check(dbs, LayoutFence.custom().layoutName("payments").build(), false, 0, 1, 2)))
                    .containsExactly(Tuple.tuple("shard-0", LayoutProblem.Kind.FOREIGN_IDENTITY),
                            Tuple.tuple("shard-1", LayoutProblem.Kind.FOREIGN_IDENTITY),
                            Tuple.tuple("shard-2", LayoutProblem.Kind.FOREIGN_IDENTITY));
        }
    }

    @ParameterizedTest
    @EnumSource(RealServer.class)
    void withoutTableCreationTheShippedDdlIsWhatTheMigrationsRun(RealServer server) throws SQLException {
        try (ShardDatabases dbs = ShardDatabases.create(server, 1)) {
            assertThat(kinds(() -> check(dbs, LayoutFence.custom().createTable(false).build(), false, 0)))
                    .containsExactly(Tuple.tuple("shard-0", LayoutProblem.Kind.TABLE_MISSING));
            try (ShardRegistry registry = ShardRegistry.builder().shard("shard-0", dbs.poolConfig(0).build()).build();
                 Connection c = registry.shard(0).dataSource().getConnection(); Statement s = c.createStatement()) {
                for (String statement : io.shardkit.layout.LayoutDialect.of(c.getMetaData()
                        .getDatabaseProductName()).statements(LayoutFence.DEFAULT_TABLE)) {
                    s.execute(statement);
                }
            }
            assertThat(check(dbs, LayoutFence.custom().createTable(false).build(), false, 0).stamped())
                    .containsExactly("shard-0");
        }
    }

    @ParameterizedTest
    @EnumSource(RealServer.class)
    void aDatabaseCreatedAfterStartUpServesOnlyOnceItChecksOut(RealServer server) throws SQLException {
        try (ShardDatabases dbs = ShardDatabases.create(server, 2)) {
            String late = dbs.names().get(1);
            admin(server, "DROP DATABASE " + late);
            LayoutFence fence = LayoutFence.ofDefaults();
            try (ShardRegistry registry = registry(fence, dbs, 0, 1)) {
                LayoutReport report = fence.verify(registry, rules(registry, false));
                assertThat(report.down()).containsExactly("shard-1");
                assertThatThrownBy(() -> registry.shard("shard-1").dataSource().getConnection())
                        .isInstanceOf(ShardNotVerifiedException.class)
                        .hasMessageStartingWith("Shard 'shard-1' is unavailable: its database could not be reached "
                                + "to check its layout identity (");

                admin(server, "CREATE DATABASE " + late);
                try (Connection c = registry.shard("shard-1").dataSource().getConnection()) {
                    assertThat(c.isValid(2)).isTrue();
                }
                assertThat(registry.shard("shard-1").refusal()).isEmpty();
            }
            // Stamped when it came back: the next start verifies both and writes nothing.
            assertThat(check(dbs, LayoutFence.ofDefaults(), false, 0, 1).stamped()).isEmpty();
        }
    }

    /** Shard i on database {@code databases[i]}, checked with a hash rule over all (modulo when asked). */
    private static LayoutReport check(ShardDatabases dbs, LayoutFence fence, boolean modulo, int... databases) {
        try (ShardRegistry registry = registry(fence, dbs, databases)) {
            return fence.verify(registry, rules(registry, modulo));
        }
    }

    private static ShardRegistry registry(LayoutFence fence, ShardDatabases dbs, int... databases) {
        ShardRegistryBuilder builder = ShardRegistry.builder().gates(fence);
        for (int i = 0; i < databases.length; i++) {
            builder.shard("shard-" + i, i, dbs.poolConfig(databases[i]).minimumIdle(0).build());
        }
        return builder.build();
    }

    private static List<ShardingRule> rules(ShardRegistry registry, boolean modulo) {
        return List.of(ShardingRule.over("orders", registry, ShardingStrategies.hash(registry.size(),
                modulo ? HashAlgorithm.MODULO : HashAlgorithm.JUMP)));
    }

    private static List<Tuple> kinds(Runnable check) {
        try {
            check.run();
        } catch (LayoutMismatchException ex) {
            return ex.getProblems().stream().map(p -> Tuple.tuple(p.shard(), p.kind())).toList();
        }
        throw new AssertionError("the layout check passed");
    }

    private static void admin(RealServer server, String sql) throws SQLException {
        try (Connection c = server.adminConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
