package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutboxEventTest {

    @Test
    void keepsItsFields() {
        OutboxEvent e = OutboxEvent.of("Order", "42", "OrderPlaced", "{}");
        assertThat(e).isEqualTo(new OutboxEvent("Order", "42", "OrderPlaced", "{}"));
        assertThat(e.aggregateId()).isEqualTo("42");
    }

    @Test
    void missingFieldIsNamedWithTheAggregate() {
        assertThatThrownBy(() -> OutboxEvent.of("Order", "42", null, "{}"))
                .isInstanceOfSatisfying(InvalidOutboxEventException.class, ex -> {
                    assertThat(ex.getField()).isEqualTo("eventType");
                    assertThat(ex.getKey()).isEqualTo("42");
                })
                .hasMessage("Outbox: event field 'eventType' of aggregate [java.lang.String 42] is invalid: "
                        + "it is required but was null");
    }

    @Test
    void blankAndNullAggregateIdAreRefused() {
        assertThatThrownBy(() -> OutboxEvent.of("Order", null, "OrderPlaced", "{}"))
                .isInstanceOfSatisfying(InvalidOutboxEventException.class,
                        ex -> assertThat(ex.getField()).isEqualTo("aggregateId"))
                .hasMessageContaining("[null]");
        assertThatThrownBy(() -> OutboxEvent.of("Order", " ", "OrderPlaced", "{}"))
                .isInstanceOf(InvalidOutboxEventException.class).hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> OutboxEvent.of("Order", "1", "OrderPlaced", ""))
                .isInstanceOfSatisfying(InvalidOutboxEventException.class,
                        ex -> assertThat(ex.getField()).isEqualTo("payload"));
    }

    @Test
    void fieldsLongerThanTheirColumnAreRefused() {
        String longest = "t".repeat(OutboxEvent.MAX_FIELD_LENGTH);
        assertThat(OutboxEvent.of(longest, "1", "E", "{}").aggregateType()).hasSize(255);
        assertThatThrownBy(() -> OutboxEvent.of(longest + "t", "1", "E", "{}"))
                .isInstanceOfSatisfying(InvalidOutboxEventException.class,
                        ex -> assertThat(ex.getField()).isEqualTo("aggregateType"))
                .hasMessageContaining("at most 255 characters fit its column but it has 256");
    }

    @Test
    void recordKeyNamesShardAndId() {
        OutboxRecord r = new OutboxRecord("shard-3", 17, OutboxEvent.of("Order", "1", "E", "{}"),
                java.time.Instant.EPOCH, 0);
        assertThat(r.key()).isEqualTo("shard-3:17");
    }
}
