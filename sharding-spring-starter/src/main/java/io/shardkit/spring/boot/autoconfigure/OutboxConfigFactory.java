package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.outbox.OutboxLayout;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.outbox.TransactionalConnections;
import java.util.function.Consumer;

/**
 * Turns {@code shardkit.outbox.*} into the core's {@link OutboxWriter} and {@link OutboxRelayConfig}. The core
 * builders check every value; a refusal is rethrown naming the property path, so that the rules live in one
 * place and the message says which line of {@code application.yml} to fix.
 *
 * <p>Stateless and thread-safe.
 */
final class OutboxConfigFactory {

    private static final String RELAY = OutboxProperties.PREFIX + ".relay.";

    private OutboxConfigFactory() {
    }

    static OutboxWriter writer(OutboxProperties properties, TransactionalConnections connections) {
        OutboxWriter.Builder builder = OutboxWriter.custom().transactionalConnections(connections)
                .layout(properties.getLayout());
        set(OutboxProperties.PREFIX + ".table", properties.effectiveTable(), builder::table);
        if (properties.getLayout() == OutboxLayout.DEBEZIUM) {
            builder.deleteAfterInsert(properties.isDeleteAfterInsert());
        }
        set(OutboxProperties.PREFIX + ".max-payload-bytes", properties.getMaxPayloadBytes(),
                builder::maxPayloadBytes);
        return builder.build();
    }

    static OutboxRelayConfig relayConfig(OutboxProperties properties) {
        OutboxProperties.Relay relay = properties.getRelay();
        OutboxRelayConfig.Builder builder = OutboxRelayConfig.custom();
        set(OutboxProperties.PREFIX + ".table", properties.effectiveTable(), builder::table);
        set(RELAY + "batch-size", relay.getBatchSize(), builder::batchSize);
        set(RELAY + "poll-interval", relay.getPollInterval(), builder::pollInterval);
        set(RELAY + "backoff.initial", relay.getBackoff().getInitial(), builder::initialBackoff);
        set(RELAY + "backoff.max", relay.getBackoff().getMax(), builder::maxBackoff);
        set(RELAY + "backoff.multiplier", relay.getBackoff().getMultiplier(), builder::backoffMultiplier);
        set(RELAY + "locking", relay.getLocking(), builder::locking);
        set(RELAY + "lease-duration", relay.getLeaseDuration(), builder::leaseDuration);
        set(RELAY + "threads", relay.getThreads(), builder::threads);
        set(RELAY + "shutdown-timeout", relay.getShutdownTimeout(), builder::shutdownTimeout);
        if (relay.getId() != null) {
            set(RELAY + "id", relay.getId(), builder::relayId);
        }
        try {
            return builder.build();
        } catch (ShardingConfigurationException ex) {
            // The only rule spanning fields: the longest back-off must not be shorter than the first.
            throw new ShardingConfigurationException(RELAY + "backoff.max", ex.getMessage(), ex);
        }
    }

    private static <T> void set(String property, T value, Consumer<T> setter) {
        try {
            setter.accept(value);
        } catch (ShardingConfigurationException ex) {
            throw new ShardingConfigurationException(property, ex.getMessage(), ex);
        }
    }
}
