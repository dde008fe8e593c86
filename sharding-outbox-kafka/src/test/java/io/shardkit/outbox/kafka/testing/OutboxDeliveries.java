package io.shardkit.outbox.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.outbox.kafka.OutboxHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a consumer of the outbox topics saw, checked the way a de-duplicating consumer relies on it: events read
 * back from the broker, with each event's id (header {@code id}), aggregate (the key) and position in its
 * aggregate's history (given by the test through {@link #positionOf}).
 *
 * <p>Not thread-safe; built once from a read.
 */
public final class OutboxDeliveries {

    private final List<ConsumerRecord<String, String>> records;

    public OutboxDeliveries(List<ConsumerRecord<String, String>> records) {
        this.records = List.copyOf(records);
    }

    public int size() {
        return records.size();
    }

    /** Distinct event ids delivered. */
    public Set<String> ids() {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(KafkaBroker.header(r, OutboxHeaders.ID)));
        return ids;
    }

    /** Records delivered more than once (same id), counted beyond the first delivery. */
    public int duplicates() {
        return records.size() - ids().size();
    }

    /** Every delivery of one id carries the same key and value: a duplicate is the same event, never another. */
    public void assertDuplicatesAreTheSameEvent() {
        Map<String, String> seen = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            String id = KafkaBroker.header(r, OutboxHeaders.ID);
            String previous = seen.putIfAbsent(id, r.key() + "|" + r.value());
            assertThat(previous == null || previous.equals(r.key() + "|" + r.value()))
                    .as("event %s delivered twice with different contents", id).isTrue();
        }
    }

    /**
     * Per aggregate (the key), the first deliveries of its events, in the order the consumer of that partition
     * saw them, have strictly increasing positions: order per aggregate is kept, duplicates aside.
     */
    public void assertOrderPerAggregate(PositionOf positionOf) {
        Map<String, Long> last = new HashMap<>();
        Set<String> firstSeen = new HashSet<>();
        for (ConsumerRecord<String, String> r : inPartitionOrder()) {
            if (!firstSeen.add(KafkaBroker.header(r, OutboxHeaders.ID))) {
                continue;
            }
            long position = positionOf.positionOf(r);
            Long before = last.put(r.key(), position);
            assertThat(before == null || before < position)
                    .as("aggregate %s: event at position %d arrived after position %d", r.key(), position, before)
                    .isTrue();
        }
    }

    private List<ConsumerRecord<String, String>> inPartitionOrder() {
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
        }
        List<ConsumerRecord<String, String>> ordered = new ArrayList<>();
        byPartition.values().forEach(list -> {
            list.sort((a, b) -> Long.compare(a.offset(), b.offset()));
            ordered.addAll(list);
        });
        return ordered;
    }

    /** A record's position in its aggregate's history, as the test wrote it (e.g. a field of the payload). */
    @FunctionalInterface
    public interface PositionOf {
        long positionOf(ConsumerRecord<String, String> record);
    }
}
