package io.shardkit.reshard;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.internal.SqlNames;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A table whose rows move with their bucket: a <em>root</em> table holds the shard-key column and a single-column
 * primary key (the copy walks it in keyset order); a <em>child</em> table (an order's items) holds a column that
 * references its root's primary key, and its rows move with their parent row. Declare roots before their children.
 *
 * <p>Immutable and thread-safe.
 *
 * @param table       the table
 * @param keyColumn   a root's shard-key column, or {@code null} for a child
 * @param idColumn    a root's primary-key column, or a child's column referencing its parent's primary key
 * @param parentTable a child's root table, or {@code null} for a root
 */
public record MoveTable(String table, @Nullable String keyColumn, String idColumn, @Nullable String parentTable) {

    public MoveTable {
        check(Objects.requireNonNull(table, "table"));
        check(Objects.requireNonNull(idColumn, "idColumn"));
        if ((keyColumn == null) == (parentTable == null)) {
            throw new ShardingConfigurationException("moved table '" + table + "': a root names its shard-key "
                    + "column, a child its parent table; exactly one of them");
        }
        if (keyColumn != null) {
            check(keyColumn);
        }
        if (parentTable != null) {
            check(parentTable);
        }
    }

    /** A root table: {@code keyColumn} holds the rule's shard key, {@code idColumn} is the primary key. */
    public static MoveTable root(String table, String keyColumn, String idColumn) {
        return new MoveTable(table, Objects.requireNonNull(keyColumn, "keyColumn"), idColumn, null);
    }

    /** A child table whose {@code parentIdColumn} references the primary key of root table {@code parentTable}. */
    public static MoveTable child(String table, String parentIdColumn, String parentTable) {
        return new MoveTable(table, null, parentIdColumn, Objects.requireNonNull(parentTable, "parentTable"));
    }

    /** Whether this is a root table. */
    public boolean isRoot() {
        return keyColumn != null;
    }

    private static void check(String name) {
        if (!SqlNames.isTableName(name)) {
            throw new ShardingConfigurationException("moved table: [" + name + "] is not a plain SQL identifier"
                    + " (letters, digits, _; optionally schema.name); names are written into SQL");
        }
    }
}
