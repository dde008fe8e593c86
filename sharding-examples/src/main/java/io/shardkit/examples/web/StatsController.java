package io.shardkit.examples.web;

import io.shardkit.examples.stats.Stats;
import io.shardkit.examples.stats.StatsService;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only views: per-shard and total figures, and the in-process event log the outbox relay publishes to
 * (shardkit's {@link InMemoryOutboxPublisher}, where a real deployment would have a Kafka or SQS publisher).
 *
 * <p>Thread-safe (stateless).
 */
@RestController
public class StatsController {

    private static final int MAX_EVENTS = 1_000;

    private final StatsService stats;
    private final InMemoryOutboxPublisher events;

    public StatsController(StatsService stats, InMemoryOutboxPublisher events) {
        this.stats = stats;
        this.events = events;
    }

    @GetMapping("/stats")
    public Stats stats() {
        return stats.stats();
    }

    /**
     * The event log's count and newest events.
     *
     * @param published events published since start
     * @param events    the newest events, newest first
     */
    public record EventLogView(long published, List<OutboxRecord> events) {
    }

    @GetMapping("/outbox/events")
    public EventLogView events(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new BadRequestException("limit must be 1 to " + MAX_EVENTS + " but was " + limit);
        }
        List<OutboxRecord> newestFirst = new ArrayList<>(events.recent(limit));
        Collections.reverse(newestFirst);
        return new EventLogView(events.publishedCount(), newestFirst);
    }
}
