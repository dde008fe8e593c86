package io.shardkit.outbox.kafka;

import io.shardkit.outbox.OutboxRecord;

/**
 * {@link OutboxTopics#perAggregateType(String)} ({@code name} is the prefix) and {@link OutboxTopics#fixed(String)}
 * ({@code name} is the topic). Immutable, thread-safe.
 */
final class NamedTopics implements OutboxTopics {

    private final String name;
    private final boolean perAggregateType;

    NamedTopics(String name, boolean perAggregateType) {
        this.name = name;
        this.perAggregateType = perAggregateType;
    }

    @Override
    public String topicFor(OutboxRecord record) {
        return perAggregateType ? name + record.event().aggregateType() : name;
    }

    @Override
    public String toString() {
        return perAggregateType ? name + "<aggregate type>" : name;
    }
}
