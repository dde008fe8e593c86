package io.shardkit.spring.boot.actuate;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketMap;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.reshard.Resharder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * Reads a {@code POST /actuator/reshard/{rule}} request into what it runs: each action with the parameters it
 * takes, checked against the rule's shards and buckets before anything starts. Bad input is an
 * {@link InvalidEndpointRequestException} (400) saying what was wrong and what is expected.
 *
 * <p>Stateless and thread-safe.
 */
final class ReshardActions {

    /** The actions, as requests name them. */
    static final List<String> NAMES = List.of("expand", "move", "resume", "rollback", "cleanup");

    private ReshardActions() {
    }

    /** What an operation runs on a freshly built resharder: a {@code MoveReport}, rows deleted, or nothing. */
    @FunctionalInterface
    interface Task {
        @Nullable Object run(Resharder resharder);
    }

    /**
     * An accepted request.
     *
     * @param name   the action
     * @param detail its parameters, as the operation's state shows them
     * @param task   what it runs
     */
    record Action(String name, String detail, Task task) {
        @Override
        public String toString() {
            return detail.isEmpty() ? name : name + " (" + detail + ")";
        }
    }

    static Action parse(ShardingRule rule, String action, @Nullable String shards, @Nullable String bucket,
                        @Nullable String target) {
        String name = action.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "expand" -> {
                none(name, "bucket", bucket);
                none(name, "target", target);
                List<String> plan = shardList(rule, shards);
                yield new Action(name, "shards=" + String.join(",", plan), r -> r.run(r.expand(plan)));
            }
            case "move" -> {
                none(name, "shards", shards);
                int b = bucket(rule, name, bucket);
                String to = shard(rule, "target", required(name, "target", target, "the shard to move it to"));
                BucketMap map = ((BucketedStrategy) rule.strategy()).map();
                if (map.ownerName(b).equals(to)) {
                    throw bad("bucket " + b + " is owned by '" + to + "' already; name another target of "
                            + shardNames(rule), "bucket already on target");
                }
                yield new Action(name, "bucket=" + b + ", target=" + to, r -> r.move(b, to));
            }
            case "rollback" -> {
                none(name, "shards", shards);
                none(name, "target", target);
                int b = bucket(rule, name, bucket);
                yield new Action(name, "bucket=" + b, r -> {
                    r.rollback(b);
                    return null;
                });
            }
            case "resume", "cleanup" -> {
                none(name, "shards", shards);
                none(name, "bucket", bucket);
                none(name, "target", target);
                yield name.equals("resume") ? new Action(name, "", Resharder::resume)
                        : new Action(name, "", Resharder::cleanup);
            }
            default -> throw bad("unknown action [" + action + "]; expected one of " + NAMES, "unknown action");
        };
    }

    /** {@code shards=s0,s1,...}: the shards that should own buckets, each a shard of the rule, once. */
    private static List<String> shardList(ShardingRule rule, @Nullable String shards) {
        String list = required("expand", "shards", shards, "a comma-separated list of the rule's shards that "
                + "should own buckets, e.g. shards=" + String.join(",", shardNames(rule)));
        Set<String> plan = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String shard = part.strip();
            if (!shard.isEmpty() && !plan.add(shard(rule, "shards", shard))) {
                throw bad("shard '" + shard + "' is listed twice in shards", "shard listed twice");
            }
        }
        if (plan.isEmpty()) {
            throw bad("shards names no shard; expected some of " + shardNames(rule), "no shards");
        }
        return new ArrayList<>(plan);
    }

    private static int bucket(ShardingRule rule, String action, @Nullable String text) {
        int buckets = ((BucketedStrategy) rule.strategy()).buckets();
        String value = required(action, "bucket", text, "a bucket number, 0 to " + (buckets - 1));
        try {
            int bucket = Integer.parseInt(value.strip());
            if (bucket >= 0 && bucket < buckets) {
                return bucket;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, with the range
        }
        throw bad("bucket [" + value + "] is not a bucket of rule '" + rule.name() + "'; expected 0 to "
                + (buckets - 1), "bad bucket");
    }

    private static String shard(ShardingRule rule, String parameter, String shard) {
        if (!shardNames(rule).contains(shard)) {
            throw bad("unknown shard '" + shard + "' in " + parameter + "; the shards of rule '" + rule.name()
                    + "' are " + shardNames(rule), "unknown shard");
        }
        return shard;
    }

    private static List<String> shardNames(ShardingRule rule) {
        return rule.shards().stream().map(Shard::name).toList();
    }

    private static String required(String action, String parameter, @Nullable String value, String expected) {
        if (value == null || value.isBlank()) {
            throw bad("action " + action + " needs " + parameter + ": " + expected, "missing " + parameter);
        }
        return value;
    }

    private static void none(String action, String parameter, @Nullable String value) {
        if (value != null) {
            throw bad("action " + action + " takes no " + parameter + " (given [" + value + "])", "unexpected "
                    + parameter);
        }
    }

    private static InvalidEndpointRequestException bad(String message, String reason) {
        return new InvalidEndpointRequestException(message, reason);
    }
}
