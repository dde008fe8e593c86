package io.shardkit.spring.boot.autoconfigure;

import static io.shardkit.spring.boot.autoconfigure.ShardkitPropertiesValidationTest.outermostConfigurationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.layout.LayoutFence;
import io.shardkit.layout.LayoutMismatchException;
import io.shardkit.layout.LayoutProblem;
import io.shardkit.layout.RuleFingerprint;
import io.shardkit.layout.ShardNotVerifiedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The layout check as the starter runs it, on H2 shards that outlive each context. */
class ShardkitLayoutTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class));
    private final String run = UUID.randomUUID().toString();

    @Test
    void theSecondStartChecksWhatTheFirstStamped() {
        runner.withPropertyValues(shards(0, 1, 2)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(LayoutFence.class).report()).hasValueSatisfying(r -> assertThat(r.stamped())
                    .containsExactly("shard-0", "shard-1", "shard-2"));
        });
        runner.withPropertyValues(shards(0, 1, 2)).run(context -> assertThat(context.getBean(LayoutFence.class)
                .report()).hasValueSatisfying(r -> assertThat(r.stamped()).isEmpty()));
    }

    @Test
    void swappedUrlsFailTheStart() {
        runner.withPropertyValues(shards(0, 1, 2)).run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues(shards(0, 2, 1)).run(context -> {
            LayoutMismatchException mismatch = mismatch(context.getStartupFailure());
            assertThat(mismatch.getProblems()).extracting(LayoutProblem::shard, LayoutProblem::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("shard-1", LayoutProblem.Kind.SWAPPED),
                    org.assertj.core.groups.Tuple.tuple("shard-2", LayoutProblem.Kind.SWAPPED));
        });
    }

    @Test
    void aRuleChangedOnPurposeStartsOnlyOnceAccepted() {
        runner.withPropertyValues(with(shards(0, 1), "shardkit.rules.orders.strategy=hash"))
                .run(context -> assertThat(context).hasNotFailed());
        String[] modulo = with(shards(0, 1), "shardkit.rules.orders.algorithm=modulo");
        String[] hash = new String[1];
        runner.withPropertyValues(modulo).run(context -> {
            LayoutMismatchException mismatch = mismatch(context.getStartupFailure());
            assertThat(mismatch.getProblems()).allSatisfy(p -> assertThat(p.kind())
                    .isEqualTo(LayoutProblem.Kind.RULE_CHANGED));
            hash[0] = mismatch.getProblems().get(0).value();
        });
        runner.withPropertyValues(with(modulo, "shardkit.layout.accepted-changes.orders=" + hash[0])).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(RuleFingerprint.of(context.getBean(ShardingRules.class).rule("orders")).hash())
                    .isEqualTo(hash[0]);
        });
        runner.withPropertyValues(modulo).run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void withoutTableCreationAMissingTableFailsTheStart() {
        runner.withPropertyValues(with(shards(0), "shardkit.layout.create-table=false")).run(context -> assertThat(
                mismatch(context.getStartupFailure()).getProblems()).extracting(LayoutProblem::kind)
                .containsExactly(LayoutProblem.Kind.TABLE_MISSING));
    }

    @Test
    void switchedOffTheShardsAreOpenAndNothingIsWritten() {
        runner.withPropertyValues(with(shards(0), "shardkit.layout.enabled=false")).run(context -> {
            assertThat(context).doesNotHaveBean(LayoutFence.class);
            ShardRegistry registry = context.getBean(ShardRegistry.class);
            assertThat(registry.shard(0).dataSource()).isSameAs(registry.shard(0).rawDataSource());
        });
    }

    @Test
    void aBeanTakingAConnectionWhileTheContextStartsRunsTheCheckFirst() {
        runner.withPropertyValues(shards(0, 1)).run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues(shards(1, 0)).withBean(EagerUser.class).run(context -> assertThat(
                mismatch(context.getStartupFailure()).getProblems()).hasSize(2));
    }

    @Test
    void aShardDownAtStartUpServesNothingUntilItComesBackAndChecksOut() throws Exception {
        int port = freePort();
        List<String> properties = new ArrayList<>(List.of(shards(0)));
        properties.addAll(List.of("shardkit.shards.shard-0.index=0", "shardkit.shards.shard-1.index=1",
                "shardkit.shards.shard-1.url=jdbc:h2:tcp://127.0.0.1:" + port + "/mem:layout-" + run
                        + "-late;DB_CLOSE_DELAY=-1", "shardkit.shards.shard-1.pool.connection-timeout=500ms",
                "shardkit.shards.shard-1.pool.maximum-pool-size=1", "shardkit.shards.shard-1.pool.minimum-idle=0"));
        runner.withPropertyValues(properties.toArray(new String[0])).run(context -> {
            assertThat(context).hasNotFailed();
            ShardRegistry registry = context.getBean(ShardRegistry.class);
            assertThat(context.getBean(LayoutFence.class).report())
                    .hasValueSatisfying(r -> assertThat(r.down()).containsExactly("shard-1"));
            assertThatThrownBy(() -> registry.shard("shard-1").dataSource().getConnection())
                    .isInstanceOf(ShardNotVerifiedException.class);
            Server server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
            try {
                try (Connection c = registry.shard("shard-1").dataSource().getConnection()) {
                    assertThat(c.isValid(1)).isTrue();
                }
                assertThat(registry.shard("shard-1").refusal()).isEmpty();
            } finally {
                server.stop();
            }
        });
    }

    private String[] shards(int... databases) {
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < databases.length; i++) {
            String prefix = "shardkit.shards.shard-" + i + ".";
            properties.add(prefix + "index=" + i);
            properties.add(prefix + "url=jdbc:h2:mem:layout-" + run + "-" + databases[i] + ";DB_CLOSE_DELAY=-1");
            properties.add(prefix + "pool.maximum-pool-size=2");
            properties.add(prefix + "pool.minimum-idle=0");
        }
        return properties.toArray(new String[0]);
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private static LayoutMismatchException mismatch(Throwable failure) {
        Throwable found = outermostConfigurationFailure(failure);
        assertThat(found).isInstanceOf(LayoutMismatchException.class);
        return (LayoutMismatchException) found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Takes a connection from shard 0 while it is being created, as schema initialisers do. */
    static final class EagerUser {
        EagerUser(ShardRegistry registry) throws SQLException {
            try (Connection c = registry.shard(0).dataSource().getConnection()) {
                c.isValid(1);
            }
        }
    }
}
