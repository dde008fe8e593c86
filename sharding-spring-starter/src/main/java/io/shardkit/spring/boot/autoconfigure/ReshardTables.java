package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.reshard.MoveTable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code shardkit.reshard.rules.<name>.tables} into {@link MoveTable}s. An entry is a root or a child by the
 * fields it sets; which field is missing or out of place is what only the properties know, so that is checked
 * here, at {@code tables[i].<field>}. The names themselves and the order of roots and children are the core's to
 * check, when the resharder is built.
 *
 * <p>Stateless and thread-safe.
 */
final class ReshardTables {

    private static final String SHAPES = "a root table takes key-column and id-column, a child table parent-column "
            + "and parent-table";

    private ReshardTables() {
    }

    static MoveTable[] of(ConfigPath path, List<ReshardProperties.Table> tables) {
        if (tables.isEmpty()) {
            throw path.fail("is empty; list the tables whose rows move with their bucket, roots first: "
                    + "{ table, key-column, id-column } for a root, { table, parent-column, parent-table } for a "
                    + "child");
        }
        MoveTable[] result = new MoveTable[tables.size()];
        for (int i = 0; i < tables.size(); i++) {
            result[i] = table(path.index(i), tables.get(i));
        }
        return result;
    }

    private static MoveTable table(ConfigPath at, ReshardProperties.Table entry) {
        String table = required(at.child("table"), entry.getTable(), "the moved table's name");
        boolean root = entry.getKeyColumn() != null || entry.getIdColumn() != null;
        boolean child = entry.getParentColumn() != null || entry.getParentTable() != null;
        if (root && child) {
            throw at.child(entry.getParentColumn() != null ? "parent-column" : "parent-table").fail("table '"
                    + table + "' mixes root and child fields: " + SHAPES);
        }
        if (root) {
            String key = required(at.child("key-column"), entry.getKeyColumn(), "root table '" + table
                    + "' needs its shard-key column");
            String id = required(at.child("id-column"), entry.getIdColumn(), "root table '" + table
                    + "' needs its single-column primary key");
            return at.at(() -> MoveTable.root(table, key, id));
        }
        if (!child) {
            throw at.child("key-column").fail("table '" + table + "' is neither a root nor a child: " + SHAPES);
        }
        String parentColumn = required(at.child("parent-column"), entry.getParentColumn(), "child table '" + table
                + "' needs the column that references its parent row's primary key");
        String parentTable = required(at.child("parent-table"), entry.getParentTable(), "child table '" + table
                + "' needs the root table its parent rows are in");
        return at.at(() -> MoveTable.child(table, parentColumn, parentTable));
    }

    private static String required(ConfigPath path, @Nullable String value, String what) {
        if (value == null || value.isBlank()) {
            throw path.fail("is required: " + what);
        }
        return value;
    }
}
