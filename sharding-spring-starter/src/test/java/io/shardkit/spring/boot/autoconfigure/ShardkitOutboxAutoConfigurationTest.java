package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.metrics.MeterNames;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxLocking;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.outbox.TransactionalConnections;
import io.shardkit.outbox.kafka.KafkaOutboxConfig;
import io.shardkit.outbox.kafka.OutboxTopics;
import io.shardkit.spring.outbox.OutboxRelayLifecycle;
import io.shardkit.spring.outbox.SpringTransactionalConnections;
import io.shardkit.spring.testing.OutboxRows;
import io.shardkit.spring.testing.TestShards;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox auto-configuration: opt-in, binding, start-up validation, the relay's lifecycle, overrides. */
class ShardkitOutboxAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitTransactionAutoConfiguration.class, ShardkitMetricsAutoConfiguration.class,
                    ShardkitOutboxAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("outbox-autoconfig"));

    private final ApplicationContextRunner enabled = runner.withPropertyValues("shardkit.outbox.enabled=true")
            .withBean(InMemoryOutboxPublisher.class, InMemoryOutboxPublisher::new);

    @Test
    void offUnlessAskedFor() {
        runner.withBean(InMemoryOutboxPublisher.class, InMemoryOutboxPublisher::new).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(OutboxWriter.class).doesNotHaveBean(OutboxRelay.class)
                    .doesNotHaveBean(OutboxRelayLifecycle.class).doesNotHaveBean(OutboxProperties.class);
            assertThat(OutboxRows.tableExists(context.getBean(ShardRegistry.class).shard(0), "outbox")).isFalse();
        });
    }

    @Test
    void enabledItCreatesTheTablesOnEveryEmbeddedShardAndRunsTheRelayOverEveryShard() {
        enabled.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(OutboxWriter.class).hasSingleBean(OutboxRelay.class);
            for (Shard shard : context.getBean(ShardRegistry.class).shards()) {
                assertThat(OutboxRows.tableExists(shard, "outbox")).as(shard.name()).isTrue();
                assertThat(OutboxRows.tableExists(shard, "outbox_lock")).as(shard.name()).isTrue();
            }
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            assertThat(relay.isRunning()).isTrue();
            assertThat(relay.stats()).containsOnlyKeys("shard-0", "shard-1", "shard-2", "shard-3");
            assertThat(context.getBean(TransactionalConnections.class))
                    .isInstanceOf(SpringTransactionalConnections.class);
        });
    }

    @Test
    void initializeSchemaNeverLeavesTheShardsAlone() {
        enabled.withPropertyValues("shardkit.outbox.initialize-schema=never").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(OutboxRows.tableExists(context.getBean(ShardRegistry.class).shard(0), "outbox")).isFalse();
        });
    }

    @Test
    void everySettingBindsIntoTheWriterAndTheRelayConfig() {
        enabled.withPropertyValues("shardkit.outbox.table=app.events", "shardkit.outbox.initialize-schema=never",
                "shardkit.outbox.max-payload-bytes=4096", "shardkit.outbox.relay.batch-size=250",
                "shardkit.outbox.relay.poll-interval=75ms", "shardkit.outbox.relay.backoff.initial=1s",
                "shardkit.outbox.relay.backoff.max=2m", "shardkit.outbox.relay.backoff.multiplier=3.5",
                "shardkit.outbox.relay.locking=lease", "shardkit.outbox.relay.lease-duration=90s",
                "shardkit.outbox.relay.id=node-7", "shardkit.outbox.relay.threads=2",
                "shardkit.outbox.relay.shutdown-timeout=3s").run(context -> {
                    OutboxWriter writer = context.getBean(OutboxWriter.class);
                    assertThat(writer.table()).isEqualTo("app.events");
                    assertThat(writer.maxPayloadBytes()).isEqualTo(4096);
                    OutboxRelayConfig config = context.getBean(OutboxRelay.class).config();
                    assertThat(config).isSameAs(context.getBean(OutboxRelayConfig.class));
                    assertThat(config.table()).isEqualTo("app.events");
                    assertThat(config.batchSize()).isEqualTo(250);
                    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(75));
                    assertThat(config.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(config.maxBackoff()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(config.backoffMultiplier()).isEqualTo(3.5);
                    assertThat(config.locking()).isEqualTo(OutboxLocking.LEASE);
                    assertThat(config.leaseDuration()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(config.relayId()).isEqualTo("node-7");
                    assertThat(config.threads()).isEqualTo(2);
                    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void defaultsAreTheCores() {
        enabled.run(context -> {
            OutboxRelayConfig config = context.getBean(OutboxRelayConfig.class);
            OutboxRelayConfig core = OutboxRelayConfig.ofDefaults();
            assertThat(config).usingRecursiveComparison().ignoringFields("relayId").isEqualTo(core);
            assertThat(config.relayId()).startsWith("relay-");
            assertThat(context.getBean(OutboxWriter.class).toString()).isEqualTo(OutboxWriter.create().toString());
        });
    }

    @Test
    void theIdeMetadataShowsTheCoresDefaults() throws Exception {
        String json = new String(getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> expected = Map.ofEntries(Map.entry("layout", "shardkit"),
                Map.entry("max-payload-bytes", OutboxWriter.DEFAULT_MAX_PAYLOAD_BYTES),
                Map.entry("relay.batch-size", OutboxRelayConfig.DEFAULT_BATCH_SIZE),
                Map.entry("relay.poll-interval", OutboxRelayConfig.DEFAULT_POLL_INTERVAL),
                Map.entry("relay.backoff.initial", OutboxRelayConfig.DEFAULT_INITIAL_BACKOFF),
                Map.entry("relay.backoff.max", OutboxRelayConfig.DEFAULT_MAX_BACKOFF),
                Map.entry("relay.backoff.multiplier", OutboxRelayConfig.DEFAULT_BACKOFF_MULTIPLIER),
                Map.entry("relay.lease-duration", OutboxRelayConfig.DEFAULT_LEASE_DURATION),
                Map.entry("relay.threads", OutboxRelayConfig.DEFAULT_THREADS),
                Map.entry("relay.shutdown-timeout", OutboxRelayConfig.DEFAULT_SHUTDOWN_TIMEOUT),
                Map.entry("kafka.topic-prefix", OutboxTopics.DEFAULT_PREFIX),
                Map.entry("kafka.send-timeout", KafkaOutboxConfig.DEFAULT_SEND_TIMEOUT));
        expected.forEach((key, value) -> {
            List<Object> found = JsonPath.read(json, "$.properties[?(@.name == 'shardkit.outbox." + key
                    + "')].defaultValue");
            assertThat(found).as(key).hasSize(1);
            Object shown = found.get(0);
            Object parsed = value instanceof Duration ? DurationStyle.detectAndParse(shown.toString())
                    : value instanceof Double ? ((Number) shown).doubleValue() : shown;
            assertThat(parsed).as(key).isEqualTo(value);
        });
    }

    @Test
    void badValuesFailTheStartNamingTheirProperty() {
        assertFailure("shardkit.outbox.relay.batch-size", "must be in [1..10000] but was 0",
                "shardkit.outbox.relay.batch-size=0");
        assertFailure("shardkit.outbox.relay.poll-interval", "must be at least 1ms",
                "shardkit.outbox.relay.poll-interval=0ms");
        assertFailure("shardkit.outbox.relay.backoff.max", "must not be shorter than initialBackoff",
                "shardkit.outbox.relay.backoff.initial=5s", "shardkit.outbox.relay.backoff.max=1s");
        assertFailure("shardkit.outbox.relay.backoff.multiplier", "must be in [1.0..100.0] but was 0.5",
                "shardkit.outbox.relay.backoff.multiplier=0.5");
        assertFailure("shardkit.outbox.relay.lease-duration", "must be at least 1ms",
                "shardkit.outbox.relay.lease-duration=0s");
        assertFailure("shardkit.outbox.relay.id", "must be 1..128 non-blank characters",
                "shardkit.outbox.relay.id=" + "r".repeat(129));
        assertFailure("shardkit.outbox.relay.threads", "must be >= 0", "shardkit.outbox.relay.threads=-1");
        assertFailure("shardkit.outbox.max-payload-bytes", "must be >= 1 but was 0",
                "shardkit.outbox.max-payload-bytes=0");
        assertFailure("shardkit.outbox.table", "must be an identifier", "shardkit.outbox.table=outbox; drop",
                "shardkit.outbox.initialize-schema=never");
        assertFailure("shardkit.outbox.initialize-schema", "the shipped DDL creates table 'outbox', not [events]",
                "shardkit.outbox.table=events");
    }

    @Test
    void withoutAPublisherTheStartFailsSayingWhatToDo() {
        runner.withPropertyValues("shardkit.outbox.enabled=true").run(context -> assertConfigurationFailure(
                context.getStartupFailure(), "shardkit.outbox.relay.enabled",
                "needs an OutboxPublisher bean but the context has none"));
    }

    @Test
    void twoPublishersNeedAPrimaryOne() {
        enabled.withBean("second", OutboxPublisher.class, () -> batch -> { }).run(context ->
                assertConfigurationFailure(context.getStartupFailure(), "shardkit.outbox.relay.enabled",
                        "has 2 [InMemoryOutboxPublisher"));
    }

    @Test
    void aWriteOnlyInstanceHasTheWriterButNoRelayAndNeedsNoPublisher() {
        runner.withPropertyValues("shardkit.outbox.enabled=true", "shardkit.outbox.relay.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(OutboxWriter.class)
                        .doesNotHaveBean(OutboxRelay.class).doesNotHaveBean(OutboxRelayLifecycle.class));
    }

    @Test
    void theRelayStopsWithTheContext() {
        OutboxRelay[] relay = new OutboxRelay[1];
        enabled.run(context -> {
            relay[0] = context.getBean(OutboxRelay.class);
            assertThat(relay[0].isRunning()).isTrue();
        });
        assertThat(relay[0].isRunning()).isFalse();
    }

    @Test
    void relayedEventsAreMeteredThroughTheShardingMetricsBean() {
        enabled.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("shardkit.outbox.relay.poll-interval=1h").run(context -> {
                    Shard shard = context.getBean(ShardRegistry.class).shard("shard-2");
                    OutboxRows.append(shard, OutboxEvent.of("Order", "1", "OrderPlaced", "{}"));
                    OutboxRows.append(shard, OutboxEvent.of("Order", "2", "OrderPlaced", "{}"));
                    context.getBean(OutboxRelay.class).drainOnce();
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get(MeterNames.OUTBOX_PUBLISHED).tag("shard", "shard-2").counter().count())
                            .isEqualTo(2.0);
                    assertThat(meters.get(MeterNames.OUTBOX_PENDING).tag("shard", "shard-2").gauge().value())
                            .isZero();
                });
    }

    @Test
    void applicationBeansWin() {
        AtomicInteger obtained = new AtomicInteger();
        TransactionalConnections counting = new TransactionalConnections() {
            @Override
            public Connection obtain(DataSource dataSource) throws SQLException {
                obtained.incrementAndGet();
                Connection connection = dataSource.getConnection();
                connection.setAutoCommit(false);
                return connection;
            }

            @Override
            public void release(Connection connection, DataSource dataSource) throws SQLException {
                connection.rollback();
                connection.close();
            }
        };
        OutboxRelayConfig config = OutboxRelayConfig.custom().batchSize(7).relayId("mine").build();
        enabled.withBean(TransactionalConnections.class, () -> counting)
                .withBean(OutboxRelayConfig.class, () -> config).run(context -> {
                    DataSource shard = context.getBean(ShardRegistry.class).shard(0).dataSource();
                    context.getBean(OutboxWriter.class).append(shard, OutboxEvent.of("Order", "9", "Placed", "{}"));
                    assertThat(obtained).hasValue(1);
                    assertThat(context.getBean(OutboxRelay.class).config()).isSameAs(config);
                });
        OutboxWriter writer = OutboxWriter.custom().table("events").build();
        enabled.withPropertyValues("shardkit.outbox.initialize-schema=never")
                .withBean(OutboxWriter.class, () -> writer)
                .run(context -> assertThat(context.getBean(OutboxWriter.class)).isSameAs(writer));
    }

    @Test
    void anApplicationsOwnRelayIsStartedUnlessItStartedItselfAndStoppedWithTheContext() {
        for (Class<?> configuration : new Class<?>[] {OwnRelay.class, OwnStartedRelay.class}) {
            OutboxRelay[] relay = new OutboxRelay[1];
            enabled.withUserConfiguration(configuration).run(context -> {
                assertThat(context).hasNotFailed();
                relay[0] = context.getBean(OutboxRelay.class);
                assertThat(relay[0].config().relayId()).isEqualTo("own");
                assertThat(relay[0].isRunning()).isTrue();
            });
            assertThat(relay[0].isRunning()).as(configuration.getSimpleName()).isFalse();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRelay {
        @Bean
        OutboxRelay ownRelay(ShardRegistry registry, OutboxPublisher publisher) {
            return OutboxRelay.builder(publisher).shards(registry)
                    .config(OutboxRelayConfig.custom().relayId("own").build()).build();
        }
    }

    /** As the example service wired its relay by hand before this auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    static class OwnStartedRelay {
        @Bean(initMethod = "start", destroyMethod = "close")
        OutboxRelay ownRelay(ShardRegistry registry, OutboxPublisher publisher) {
            return OutboxRelay.builder(publisher).shards(registry)
                    .config(OutboxRelayConfig.custom().relayId("own").build()).build();
        }
    }

    private void assertFailure(String property, String message, String... properties) {
        enabled.withPropertyValues(properties).run(context -> assertConfigurationFailure(context.getStartupFailure(),
                property, message));
    }

    private static void assertConfigurationFailure(Throwable failure, String property, String message) {
        assertThat(failure).as("the start must fail at %s", property).isNotNull();
        Throwable root = ShardkitPropertiesValidationTest.outermostConfigurationFailure(failure);
        assertThat(root).isInstanceOf(ShardingConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration at '" + property + "': ")
                .hasMessageContaining(message);
        assertThat(((ShardingConfigurationException) root).getProperty()).isEqualTo(property);
    }
}
