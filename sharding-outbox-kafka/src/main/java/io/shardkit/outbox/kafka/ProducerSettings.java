package io.shardkit.outbox.kafka;

import io.shardkit.ShardingConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer configuration {@link KafkaOutboxPublisher#create} runs with: the caller's properties, checked
 * against what the outbox's guarantees need, plus defaults for what the caller left out.
 *
 * <p>Required, refused when set otherwise: {@code enable.idempotence=true} and {@code acks=all} (a record retried
 * after a lost acknowledgement is written once, in order, and only once every in-sync replica has it), and at most
 * 5 {@code max.in.flight.requests.per.connection} (the idempotent producer keeps order up to 5). Keys and values
 * are strings ({@code StringSerializer}, UTF-8). Defaults: the send timeout as {@code delivery.timeout.ms} and
 * {@code max.block.ms} (a broker that is down fails the batch within the timeout instead of blocking the relay
 * for a minute), {@code request.timeout.ms} no longer than it, {@code linger.ms=5} (records of one batch share
 * requests), {@code client.id=shardkit-outbox}.
 *
 * <p>Stateless, thread-safe.
 */
final class ProducerSettings {

    private ProducerSettings() {
    }

    static Map<String, Object> effective(Map<String, ?> given, Duration sendTimeout) {
        Objects.requireNonNull(given, "producerProperties");
        if (given.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw invalid(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "is required (host:port of one or more brokers)");
        }
        require(given, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        require(given, ProducerConfig.ACKS_CONFIG, "all", "-1");
        Object inFlight = given.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight != null && Integer.parseInt(inFlight.toString().trim()) > 5) {
            throw invalid(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "must be at most 5 (the idempotent "
                    + "producer keeps per-partition order up to 5) but was " + inFlight);
        }
        refuseSerializer(given, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        refuseSerializer(given, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

        Map<String, Object> config = new HashMap<>(given);
        long timeout = sendTimeout.toMillis();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, timeout - 5)));
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "shardkit-outbox");
        return config;
    }

    private static void require(Map<String, ?> given, String property, String... allowed) {
        Object value = given.get(property);
        if (value == null) {
            return;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        for (String ok : allowed) {
            if (ok.equals(text)) {
                return;
            }
        }
        throw invalid(property, "must be " + allowed[0] + " (the outbox's at-least-once, per-aggregate order "
                + "needs an idempotent producer acknowledged by every in-sync replica) but was " + value);
    }

    private static void refuseSerializer(Map<String, ?> given, String property) {
        Object value = given.get(property);
        if (value != null && !StringSerializer.class.getName().equals(value.toString().trim())
                && value != StringSerializer.class) {
            throw invalid(property, "must be " + StringSerializer.class.getName() + " (outbox keys and payloads "
                    + "are text) but was " + value);
        }
    }

    private static ShardingConfigurationException invalid(String property, String detail) {
        return new ShardingConfigurationException("Kafka outbox producer property '" + property + "' " + detail);
    }
}
