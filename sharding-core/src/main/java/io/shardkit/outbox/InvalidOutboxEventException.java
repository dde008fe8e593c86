package io.shardkit.outbox;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * An event was refused before it reached the database: a required field is missing or blank, or a field or the
 * payload is longer than the outbox table holds. {@link #getField()} names the field; {@link #getKey()} is the
 * event's aggregate id when it has one.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidOutboxEventException extends OutboxException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidOutboxEventException(String field, @Nullable String aggregateId, String expected) {
        super("Outbox: event field '" + field + "' of aggregate " + ShardingException.describeKey(aggregateId)
                + " is invalid: " + expected, aggregateId, null, null);
        this.field = field;
    }

    /** The field at fault: {@code aggregateType}, {@code aggregateId}, {@code eventType} or {@code payload}. */
    public String getField() {
        return field;
    }
}
