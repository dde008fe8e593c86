package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.outbox.OutboxLayout;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.outbox.kafka.KafkaOutboxPublisher;
import io.shardkit.spring.testing.OutboxRows;
import io.shardkit.spring.testing.TestShards;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code shardkit.outbox.layout=debezium}: the writer and Debezium's table, no polling relay and no publisher. */
class OutboxDebeziumLayoutAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitTransactionAutoConfiguration.class, ShardkitOutboxAutoConfiguration.class,
                    ShardkitKafkaOutboxAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("outbox-debezium"))
            .withPropertyValues("shardkit.outbox.enabled=true", "shardkit.outbox.layout=debezium",
                    "shardkit.outbox.kafka.bootstrap-servers=127.0.0.1:9");

    @Test
    void theWriterWritesDebeziumsTableAndNoRelayRunsHere() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(OutboxRelay.class)
                    .doesNotHaveBean(KafkaOutboxPublisher.class);
            OutboxWriter writer = context.getBean(OutboxWriter.class);
            assertThat(writer.layout()).isEqualTo(OutboxLayout.DEBEZIUM);
            assertThat(writer.table()).isEqualTo("outbox_event");
            assertThat(writer.deleteAfterInsert()).isTrue();
            for (Shard shard : context.getBean(ShardRegistry.class).shards()) {
                assertThat(OutboxRows.tableExists(shard, "outbox_event")).as(shard.name()).isTrue();
                assertThat(OutboxRows.tableExists(shard, "outbox")).as(shard.name()).isFalse();
            }
        });
    }

    @Test
    void rowsCanBeKept() {
        runner.withPropertyValues("shardkit.outbox.delete-after-insert=false").run(context ->
                assertThat(context.getBean(OutboxWriter.class).deleteAfterInsert()).isFalse());
    }
}
