package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.outbox.kafka.KafkaOutboxConfig;
import io.shardkit.outbox.kafka.OutboxTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The outbox's Kafka publisher ({@code shardkit.outbox.kafka.*}), used when the {@code sharding-outbox-kafka} module
 * is on the class path, the outbox and its relay are on, and the application declares no publisher of its own.
 *
 * <pre>{@code
 * shardkit:
 *   outbox:
 *     enabled: true
 *     kafka:
 *       bootstrap-servers: kafka-1:9092,kafka-2:9092
 *       producer:
 *         compression.type: lz4
 * }</pre>
 *
 * <p>Defaults are those of {@link KafkaOutboxConfig}. Mutable while Spring binds it, read-only afterwards.
 */
@ConfigurationProperties(prefix = KafkaOutboxProperties.PREFIX)
public class KafkaOutboxProperties {

    /** The property prefix. */
    public static final String PREFIX = OutboxProperties.PREFIX + ".kafka";

    /** Brokers to connect to first (host:port); required. */
    private List<String> bootstrapServers = new ArrayList<>();

    /**
     * Prefix of the topic each event goes to, followed by the event's aggregate type (outbox.event.Order for
     * aggregate type Order by default, as Debezium's outbox router names them). Ignored when topic is set.
     */
    private String topicPrefix = OutboxTopics.DEFAULT_PREFIX;

    /** One topic for every event, instead of a topic per aggregate type. */
    private @Nullable String topic;

    /**
     * Longest wait for the broker to acknowledge a whole batch before it is refused and retried after the relay's
     * back-off; the producer's delivery and blocking timeouts default to it as well.
     */
    private Duration sendTimeout = KafkaOutboxConfig.DEFAULT_SEND_TIMEOUT;

    /**
     * Further Kafka producer properties, such as compression.type or security settings. Idempotence, acks=all and
     * string serializers are required; a value that contradicts them fails the start.
     */
    private Map<String, String> producer = new LinkedHashMap<>();

    public List<String> getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(List<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public @Nullable String getTopic() {
        return topic;
    }

    public void setTopic(@Nullable String topic) {
        this.topic = topic;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Map<String, String> getProducer() {
        return producer;
    }

    public void setProducer(Map<String, String> producer) {
        this.producer = producer;
    }
}
