package io.shardkit.outbox;

import org.jspecify.annotations.Nullable;

/**
 * An event to append to the outbox: what happened ({@link #eventType()}, e.g. {@code OrderPlaced}) to which
 * aggregate ({@link #aggregateType()} and {@link #aggregateId()}, e.g. {@code Order} / {@code 4711}), with its
 * {@link #payload()} (usually JSON; the outbox stores it as text and never parses it).
 *
 * <p>Every field is required and non-blank; type and id fields hold at most {@value #MAX_FIELD_LENGTH}
 * characters (the table's column width). Construction refuses anything else with
 * {@link InvalidOutboxEventException} naming the field. The payload's size bound is the writer's
 * ({@link OutboxWriter.Builder#maxPayloadBytes(int)}), as it depends on where events are published.
 *
 * <p>Immutable and thread-safe.
 *
 * @param aggregateType kind of aggregate the event belongs to, e.g. {@code Order}
 * @param aggregateId   id of that aggregate; publishers typically use it as the message key
 * @param eventType     what happened, e.g. {@code OrderPlaced}
 * @param payload       the event's body, stored as text
 */
public record OutboxEvent(String aggregateType, String aggregateId, String eventType, String payload) {

    /** Most characters of {@link #aggregateType()}, {@link #aggregateId()} and {@link #eventType()}. */
    public static final int MAX_FIELD_LENGTH = 255;

    public OutboxEvent {
        check("aggregateId", aggregateId, aggregateId, MAX_FIELD_LENGTH);
        check("aggregateType", aggregateType, aggregateId, MAX_FIELD_LENGTH);
        check("eventType", eventType, aggregateId, MAX_FIELD_LENGTH);
        check("payload", payload, aggregateId, Integer.MAX_VALUE);
    }

    /** The constructor as a factory: {@code OutboxEvent.of("Order", "42", "OrderPlaced", json)}. */
    public static OutboxEvent of(String aggregateType, String aggregateId, String eventType, String payload) {
        return new OutboxEvent(aggregateType, aggregateId, eventType, payload);
    }

    private static void check(String field, @Nullable String value, @Nullable String aggregateId, int maxLength) {
        if (value == null) {
            throw new InvalidOutboxEventException(field, aggregateId, "it is required but was null");
        }
        if (value.isBlank()) {
            throw new InvalidOutboxEventException(field, aggregateId, "it must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidOutboxEventException(field, aggregateId, "at most " + maxLength
                    + " characters fit its column but it has " + value.length());
        }
    }
}
