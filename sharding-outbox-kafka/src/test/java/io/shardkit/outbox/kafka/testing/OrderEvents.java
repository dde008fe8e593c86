package io.shardkit.outbox.kafka.testing;

import io.shardkit.Shard;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Test events with a known history: aggregate {@code <shard>-<n>} gets events whose payload is
 * {@code {"aggregate":"...","seq":k}}, k counting from 1 in the order they were written, one transaction each (or
 * many per transaction, for bulk set-up).
 *
 * <p>Thread-safe (the writer is).
 */
public final class OrderEvents {

    private static final OutboxWriter WRITER = OutboxWriter.create();

    private OrderEvents() {
    }

    /** The aggregate id of aggregate {@code n} of {@code shard}. */
    public static String aggregate(Shard shard, int n) {
        return shard.name() + "-" + n;
    }

    public static String payload(String aggregate, long seq) {
        return "{\"aggregate\":\"" + aggregate + "\",\"seq\":" + seq + "}";
    }

    /** The {@code seq} of a payload {@link #payload} wrote. */
    public static long seqOf(ConsumerRecord<String, String> record) {
        String value = record.value();
        return Long.parseLong(value.substring(value.indexOf("\"seq\":") + 6, value.length() - 1));
    }

    /**
     * Appends {@code perAggregate} events to each of {@code aggregates} aggregates of {@code shard}, round-robin
     * over the aggregates (so that their events interleave in the outbox), committing every {@code perCommit}
     * events; returns how many were appended.
     */
    public static int appendHistories(Shard shard, int aggregates, int perAggregate, int perCommit)
            throws SQLException {
        int appended = 0;
        try (Connection c = shard.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int seq = 1; seq <= perAggregate; seq++) {
                for (int n = 0; n < aggregates; n++) {
                    String aggregate = aggregate(shard, n);
                    WRITER.append(c, OutboxEvent.of("Order", aggregate, "OrderChanged", payload(aggregate, seq)));
                    if (++appended % perCommit == 0) {
                        c.commit();
                    }
                }
            }
            c.commit();
        }
        return appended;
    }
}
