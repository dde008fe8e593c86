package io.shardkit.spring.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.shardkit.outbox.kafka.KafkaOutboxPublisher;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Binds the Kafka outbox publisher's producer meters ({@code kafka.producer.*}, Micrometer's
 * {@link KafkaClientMetrics}) to the registry, if the context has such a publisher, and stops their refresh on
 * {@link #close()}.
 *
 * <p>Thread-safe.
 */
public final class KafkaProducerMeters implements MeterBinder, AutoCloseable {

    private final ObjectProvider<KafkaOutboxPublisher> publisher;
    private @Nullable KafkaClientMetrics bound;

    public KafkaProducerMeters(ObjectProvider<KafkaOutboxPublisher> publisher) {
        this.publisher = publisher;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        KafkaOutboxPublisher p = publisher.getIfUnique();
        if (p != null && bound == null) {
            bound = new KafkaClientMetrics(p.producer());
            bound.bindTo(registry);
        }
    }

    @Override
    public synchronized void close() {
        if (bound != null) {
            bound.close();
        }
    }
}
