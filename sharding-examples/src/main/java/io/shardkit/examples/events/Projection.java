package io.shardkit.examples.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes projection rows keyed by order id idempotently: rows whose order id the table already holds are
 * skipped, the rest go in as one plain JDBC batch. Deliveries are at-least-once, so a redelivered event must
 * change nothing; checking first (rather than {@code INSERT ... WHERE NOT EXISTS}, which MariaDB's bulk
 * protocol refuses, or a dialect's upsert) keeps the SQL the same on H2, PostgreSQL and MariaDB.
 *
 * <p>Call it inside a transaction on the target shard. Safe against concurrent writers of <em>other</em> order
 * ids; one order's event is never delivered twice at once (the relay publishes each shard's batches one at a
 * time, and an order's event lives in one shard's outbox).
 *
 * <p>Thread-safe (stateless).
 */
public final class Projection {

    private final String table;
    private final String insertSql;

    /**
     * @param table   the projection table, which has an {@code order_id} column
     * @param columns its columns, {@code order_id} first, in the order of each row's values
     */
    public Projection(String table, List<String> columns) {
        if (columns.isEmpty() || !columns.get(0).equals("order_id")) {
            throw new IllegalArgumentException("the first column must be order_id but columns were " + columns);
        }
        this.table = table;
        this.insertSql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    /** Inserts the rows (each {@code order_id} first) whose order id is absent; returns how many it inserted. */
    public int insertAbsent(JdbcTemplate jdbc, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        List<Object> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add(row[0]);
        }
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Set<Long> present = new HashSet<>(jdbc.queryForList("select order_id from " + table
                + " where order_id in (" + in + ")", Long.class, ids.toArray()));
        List<Object[]> absent = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (!present.contains(((Number) row[0]).longValue())) {
                absent.add(row);
            }
        }
        if (!absent.isEmpty()) {
            jdbc.batchUpdate(insertSql, absent);
        }
        return absent.size();
    }
}
