package io.shardkit.reshard;

import io.shardkit.ShardingConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A declared root table with the child tables whose rows move with each of its rows: the unit the mover copies,
 * replays, hashes and deletes.
 *
 * <p>Built once by {@link #group} and not changed after: safe to share between threads.
 *
 * @param table    the root table (it has the shard-key column)
 * @param children its child tables, in declaration order
 */
record RootTable(MoveTable table, List<MoveTable> children) {

    /**
     * Groups {@code tables} under their roots, in declaration order.
     *
     * @throws ShardingConfigurationException when a child is declared before its parent, or no table is a root
     */
    static List<RootTable> group(List<MoveTable> tables) {
        List<RootTable> roots = new ArrayList<>();
        Map<String, List<MoveTable>> children = new HashMap<>();
        for (MoveTable t : tables) {
            if (t.isRoot()) {
                List<MoveTable> own = new ArrayList<>();
                children.put(t.table().toLowerCase(Locale.ROOT), own);
                roots.add(new RootTable(t, own));
            } else {
                List<MoveTable> own = children.get(Objects.requireNonNull(t.parentTable(), t.table())
                        .toLowerCase(Locale.ROOT));
                if (own == null) {
                    throw new ShardingConfigurationException("moved table '" + t.table() + "': its parent '"
                            + t.parentTable() + "' must be declared, as a root table, before it");
                }
                own.add(t);
            }
        }
        if (roots.isEmpty()) {
            throw new ShardingConfigurationException("a move needs at least one root table (shard-key column)");
        }
        return List.copyOf(roots);
    }
}
