package io.shardkit.examples.events;

import io.shardkit.outbox.OutboxRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log's listener for {@code OrderPlaced}: decodes each batch's payloads once and hands the decoded
 * events, in the batch's order, to every projection. (With one listener per projection, each decoded every
 * payload again: about a third of the relay's CPU in the demo.) Other event types are skipped.
 *
 * <p>Thread-safe when the projections are.
 */
public final class OrderPlacedEvents implements Consumer<List<OutboxRecord>> {

    private final JsonMapper json;
    private final List<Consumer<List<OrderPlaced>>> projections;

    public OrderPlacedEvents(JsonMapper json, List<Consumer<List<OrderPlaced>>> projections) {
        this.json = json;
        this.projections = List.copyOf(projections);
    }

    @Override
    public void accept(List<OutboxRecord> batch) {
        List<OrderPlaced> events = new ArrayList<>(batch.size());
        for (OutboxRecord r : batch) {
            if (OrderPlaced.TYPE.equals(r.event().eventType())) {
                events.add(OrderPlaced.fromJson(json, r.event().payload()));
            }
        }
        if (events.isEmpty()) {
            return;
        }
        for (Consumer<List<OrderPlaced>> projection : projections) {
            projection.accept(events);
        }
    }
}
