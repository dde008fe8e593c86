package io.shardkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Maps shard keys to shard slots {@code 0 .. shardCount()-1}; a {@link io.shardkit.ShardingRule} turns a slot
 * into a shard name. The one SPI behind every strategy (hash, range, directory, id) and any a user writes.
 *
 * <p>The mapping is a persisted contract: rows already written sit where it sent them. An implementation must
 * map a key to the same slot in every JVM, across restarts and versions; never derive it from
 * {@link Object#hashCode()}.
 *
 * <p>Implementations must be thread-safe. {@link #shardOf} is on the hot path of every routed call: it should
 * not allocate and should build error messages only when it fails.
 */
public interface ShardingStrategy {

    /** How many slots this strategy maps to; equal to the size of the rule's shard list. */
    int shardCount();

    /** A short name for logs and the actuator endpoint, e.g. {@code "hash(jump)"}. */
    String describe();

    /**
     * Everything that decides where this strategy places keys, as stable text: the layout fence
     * ({@code io.shardkit.layout.LayoutFence}) stores it on every shard the rule places rows on and refuses to
     * start when it changes, because rows already written sit where the old mapping put them.
     *
     * <p>Include every parameter of the mapping (algorithm, slot count, range bounds, bit layout, the table a
     * lookup reads) and nothing that changes while the application runs or that does not move rows: no cache
     * settings, no placement policy for keys not stored yet, and for a strategy that keeps a mutable assignment in
     * a table (a directory, a bucket map), only its immutable part. The same configuration must give the same
     * text in every JVM and version.
     *
     * <p>The default is the class name and {@link #describe()}: safe (a change of either fails the check) but
     * possibly too strict; built-in strategies override it.
     */
    default String fingerprint() {
        return getClass().getName() + ":" + describe();
    }

    /**
     * The slot of one key.
     *
     * @param rule the rule's name, for error messages
     * @param key  the key; {@code null} or an unsupported type is an {@link io.shardkit.InvalidShardKeyException}
     * @throws ShardingException (a subclass) naming the rule and the key when the key maps to no slot
     */
    int shardOf(String rule, @Nullable Object key);

    /**
     * Groups keys by slot, keeping each group's keys in the order given. Only slots that own a key appear; the
     * groups come in slot order. The default calls {@link #shardOf} per key.
     */
    default <K> List<KeyGroup<K>> groupByShard(String rule, Iterable<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        @SuppressWarnings("unchecked")
        List<K>[] bySlot = new List[shardCount()];
        for (K key : keys) {
            int slot = shardOf(rule, key);
            List<K> group = bySlot[slot];
            if (group == null) {
                group = new ArrayList<>();
                bySlot[slot] = group;
            }
            group.add(key);
        }
        List<KeyGroup<K>> groups = new ArrayList<>();
        for (int slot = 0; slot < bySlot.length; slot++) {
            if (bySlot[slot] != null) {
                groups.add(new KeyGroup<>(slot, List.copyOf(bySlot[slot])));
            }
        }
        return groups;
    }

    /**
     * The slots that can hold keys within {@code range}, ascending. Strategies that cannot prune (hash) return
     * every slot, which is the default; range strategies return only the slots whose ranges intersect.
     */
    default int[] shardsFor(String rule, KeyRange<?> range) {
        Objects.requireNonNull(range, "range");
        int[] all = new int[shardCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }
}
