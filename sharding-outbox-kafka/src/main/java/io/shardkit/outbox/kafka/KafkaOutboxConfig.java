package io.shardkit.outbox.kafka;

import io.shardkit.ShardingConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link KafkaOutboxPublisher} maps events to topics, how long it waits for a batch's acknowledgements, and
 * where it reports. Immutable; build it with {@link #custom()} (or {@link #from(KafkaOutboxConfig)}), whose setters
 * check their value at once; {@link #ofDefaults()} holds every {@code DEFAULT_*}.
 *
 * <p>Thread-safe.
 */
public final class KafkaOutboxConfig {

    /** Longest wait for a batch's acknowledgements; also the producer's default delivery and blocking timeouts. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
    /** The shortest send timeout: the producer needs room for one request and its retries. */
    public static final Duration MIN_SEND_TIMEOUT = Duration.ofMillis(500);

    private final OutboxTopics topics;
    private final Duration sendTimeout;
    private final KafkaOutboxMetrics metrics;

    private KafkaOutboxConfig(Builder b) {
        this.topics = b.topics;
        this.sendTimeout = b.sendTimeout;
        this.metrics = b.metrics;
    }

    public static KafkaOutboxConfig ofDefaults() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    public static Builder from(KafkaOutboxConfig base) {
        Objects.requireNonNull(base, "base");
        return custom().topics(base.topics).sendTimeout(base.sendTimeout).metrics(base.metrics);
    }

    /** Topic per event; default {@code outbox.event.<aggregate type>} ({@link OutboxTopics#perAggregateType}). */
    public OutboxTopics topics() {
        return topics;
    }

    /**
     * How long a publish call waits for the broker to acknowledge its batch before refusing it; default 30 s. The
     * producer the publisher creates gives up on a record after the same time ({@code delivery.timeout.ms}) and
     * blocks a send at most that long while the broker is unreachable ({@code max.block.ms}).
     */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Where batches are reported; default {@link KafkaOutboxMetrics#NOOP}. */
    public KafkaOutboxMetrics metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        return "KafkaOutboxConfig[topics=" + topics + ", sendTimeout=" + sendTimeout.toMillis() + "ms]";
    }

    /** Builder for {@link KafkaOutboxConfig}; not thread-safe. */
    public static final class Builder {
        private OutboxTopics topics = OutboxTopics.perAggregateType(OutboxTopics.DEFAULT_PREFIX);
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private KafkaOutboxMetrics metrics = KafkaOutboxMetrics.NOOP;

        private Builder() {
        }

        public Builder topics(OutboxTopics topics) {
            this.topics = Objects.requireNonNull(topics, "topics");
            return this;
        }

        /** At least {@link #MIN_SEND_TIMEOUT}. */
        public Builder sendTimeout(Duration sendTimeout) {
            Objects.requireNonNull(sendTimeout, "sendTimeout");
            if (sendTimeout.compareTo(MIN_SEND_TIMEOUT) < 0) {
                throw new ShardingConfigurationException("Kafka outbox sendTimeout must be at least "
                        + MIN_SEND_TIMEOUT.toMillis() + "ms but was " + sendTimeout.toMillis() + "ms");
            }
            this.sendTimeout = sendTimeout;
            return this;
        }

        public Builder metrics(KafkaOutboxMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public KafkaOutboxConfig build() {
            return new KafkaOutboxConfig(this);
        }
    }
}
