package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryOutboxPublisherTest {

    private static List<OutboxRecord> batch(long from, long to) {
        List<OutboxRecord> records = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            records.add(new OutboxRecord("s", id, OutboxEvent.of("Order", "o" + id, "E", "{}"), Instant.EPOCH, 0));
        }
        return records;
    }

    @Test
    void keepsTheMostRecentEventsUpToItsCapacityAndCountsAll() {
        InMemoryOutboxPublisher publisher = new InMemoryOutboxPublisher(3);
        publisher.publish(batch(1, 2));
        publisher.publish(batch(3, 5));

        assertThat(publisher.publishedCount()).isEqualTo(5);
        assertThat(publisher.recent()).extracting(OutboxRecord::id).containsExactly(3L, 4L, 5L);
        assertThat(publisher.recent(2)).extracting(OutboxRecord::id).containsExactly(4L, 5L);
    }

    @Test
    void listenerThatThrowsRefusesTheBatchWhichIsNeitherLoggedNorCounted() {
        List<Long> seen = new ArrayList<>();
        InMemoryOutboxPublisher publisher = new InMemoryOutboxPublisher().addListener(b -> {
            if (b.get(0).id() == 3) {
                throw new IllegalStateException("consumer down");
            }
            b.forEach(r -> seen.add(r.id()));
        });
        publisher.publish(batch(1, 2));
        assertThatThrownBy(() -> publisher.publish(batch(3, 4))).hasMessage("consumer down");

        assertThat(seen).containsExactly(1L, 2L);
        assertThat(publisher.publishedCount()).isEqualTo(2);
        assertThat(publisher.recent()).hasSize(2);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new InMemoryOutboxPublisher(0)).hasMessageContaining("capacity must be >= 1");
    }
}
