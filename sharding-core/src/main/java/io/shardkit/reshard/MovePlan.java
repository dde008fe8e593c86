package io.shardkit.reshard;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.bucket.BucketMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of bucket moves for one rule. Immutable and thread-safe.
 *
 * @param rule  the rule
 * @param moves the moves, grouped by (source, target) in the order they run
 */
public record MovePlan(String rule, List<BucketMove> moves) {

    public MovePlan {
        Objects.requireNonNull(rule, "rule");
        moves = List.copyOf(moves);
    }

    /**
     * The fewest moves that leave every one of {@code shards} (the rule's shards that should hold buckets) with an
     * even share: {@code buckets / shards.size()}, the first {@code buckets % shards.size()} shards one more. A shard
     * keeps its lowest buckets and gives its highest surplus ones, round-robin, to the shards below their share; a
     * shard not in {@code shards} gives all of its buckets away. Surplus goes out in giver order, so from the seed
     * map 4 -> 8 moves the upper half of each old shard's buckets to one new shard each: 4 groups of 128 buckets, half
     * the data, evenly.
     */
    public static MovePlan expand(String rule, BucketMap map, List<String> shards) {
        Objects.requireNonNull(map, "map");
        if (shards.isEmpty() || !map.shardNames().containsAll(shards)) {
            throw new ShardingConfigurationException("Rule '" + rule + "': plan shards " + shards
                    + " must be a non-empty subset of the rule's shards " + map.shardNames());
        }
        int n = shards.size();
        int buckets = map.buckets();
        Map<String, Integer> quota = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            quota.put(shards.get(i), buckets / n + (i < buckets % n ? 1 : 0));
        }
        Map<String, Integer> kept = new LinkedHashMap<>();
        List<Integer> surplus = new ArrayList<>();
        for (int slot = 0; slot < map.shardNames().size(); slot++) {
            String name = map.shardNames().get(slot);
            List<Integer> owned = map.bucketsOf(slot);
            int keep = Math.min(owned.size(), quota.getOrDefault(name, 0));
            kept.put(name, keep);
            // in giver order: a receiver takes one giver's surplus whole where it can, so a group is one scan
            surplus.addAll(owned.subList(keep, owned.size()));
        }
        List<BucketMove> moves = new ArrayList<>();
        int next = 0;
        for (String receiver : shards) {
            int missing = Objects.requireNonNull(quota.get(receiver), receiver) - kept.getOrDefault(receiver, 0);
            for (int i = 0; i < missing; i++) {
                int bucket = surplus.get(next++);
                moves.add(new BucketMove(bucket, map.ownerName(bucket), receiver));
            }
        }
        moves.sort((a, b) -> {
            int bySource = a.source().compareTo(b.source());
            return bySource != 0 ? bySource : a.target().compareTo(b.target()) != 0
                    ? a.target().compareTo(b.target()) : Integer.compare(a.bucket(), b.bucket());
        });
        return new MovePlan(rule, moves);
    }

    /** The moves grouped by (source, target): each group is copied with one pass over the source's tables. */
    public List<List<BucketMove>> groups() {
        Map<String, List<BucketMove>> groups = new LinkedHashMap<>();
        for (BucketMove move : moves) {
            groups.computeIfAbsent(move.source() + "\u0000" + move.target(), k -> new ArrayList<>()).add(move);
        }
        return List.copyOf(groups.values());
    }
}
