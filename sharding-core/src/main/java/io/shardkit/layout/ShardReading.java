package io.shardkit.layout;

import io.shardkit.Shard;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one read of a shard's identity table found: the shard unreachable, the table absent, the table empty of any
 * identity, this layout's record, or another layout's.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shard        the shard read (through its raw DataSource: the gate is what the reading decides)
 * @param failure      why it could not be read, or {@code null}
 * @param tableMissing whether the identity table does not exist
 * @param record       this layout's record, or {@code null}
 * @param foreign      the other layout, when the database holds another layout's rows and none of this one
 * @param theirs       that layout's shard identity, when it has one
 */
record ShardReading(Shard shard, @Nullable Exception failure, boolean tableMissing, @Nullable ShardRecord record,
                    @Nullable String foreign, @Nullable ShardRecord theirs) {

    static ShardReading read(Shard shard, LayoutTable table, String layout) {
        try (Connection connection = shard.rawDataSource().getConnection()) {
            List<LayoutTable.Row> rows = table.read(connection);
            if (rows == null) {
                return new ShardReading(shard, null, true, null, null, null);
            }
            return of(shard, rows, layout);
        } catch (SQLException | RuntimeException ex) {
            return new ShardReading(shard, ex, false, null, null, null);
        }
    }

    static ShardReading of(Shard shard, List<LayoutTable.Row> rows, String layout) {
        List<LayoutTable.Row> ours = new ArrayList<>();
        List<LayoutTable.Row> others = new ArrayList<>();
        for (LayoutTable.Row row : rows) {
            (row.layout().equals(layout) ? ours : others).add(row);
        }
        ShardRecord record = ShardRecord.parse(ours);
        if (record != null || others.isEmpty()) {
            return new ShardReading(shard, null, false, record, null, null);
        }
        String foreign = others.get(0).layout();
        List<LayoutTable.Row> first = others.stream().filter(r -> r.layout().equals(foreign)).toList();
        return new ShardReading(shard, null, false, null, foreign, ShardRecord.parse(first));
    }

    /** The other layout's identity, in words, e.g. {@code the identity of layout 'payments' (shard 'p-1', index 1)}. */
    String foreignIdentity() {
        return "the identity of layout '" + foreign + "'"
                + (theirs == null ? "" : " (shard '" + theirs.shardName() + "', index " + theirs.index() + ")");
    }

    boolean blank() {
        return failure == null && record == null && foreign == null;
    }
}
