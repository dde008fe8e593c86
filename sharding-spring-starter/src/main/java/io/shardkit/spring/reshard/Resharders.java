package io.shardkit.spring.reshard;

import io.shardkit.bucket.BucketWrites;
import io.shardkit.reshard.Resharder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The movers and write fences of an application's bucketed rules: a {@link Resharder} for each rule declared under
 * {@code shardkit.reshard.rules} ({@link #get}), and a {@link BucketWrites} for every bucketed rule
 * ({@link #bucketWrites}), each reporting to the resharding meters when the application has a Micrometer registry.
 *
 * <pre>{@code
 * Resharder orders = resharders.get("orders");
 * MoveReport report = orders.run(orders.expand(List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7")));
 *
 * resharders.bucketWrites("orders").write(order.customerId(), c -> insert(c, order));   // fenced, retried on a move
 * }</pre>
 *
 * <p>{@link #get} builds a new {@code Resharder} on every call, after re-reading the rule's bucket map: a resharder
 * takes its epochs from the map and the recorded moves when it is built, so one built now is never behind a move
 * another instance made since. Use one per operation (a plan and its run, a resume, a cleanup), and run one
 * operation per rule at a time across all instances.
 *
 * <p>Immutable and thread-safe.
 */
public final class Resharders {

    private final Map<String, Supplier<Resharder>> resharders;
    private final Map<String, BucketWrites> writes;

    private Resharders(Map<String, Supplier<Resharder>> resharders, Map<String, BucketWrites> writes) {
        this.resharders = resharders;
        this.writes = writes;
    }

    /**
     * @param resharders by rule, what builds that rule's {@code Resharder} (called on every {@link #get}); in the
     *                   order {@link #rules()} lists them
     * @param writes     by bucketed rule, its write fence
     */
    public static Resharders of(Map<String, ? extends Supplier<Resharder>> resharders,
                                Map<String, BucketWrites> writes) {
        Objects.requireNonNull(resharders, "resharders");
        Objects.requireNonNull(writes, "writes");
        return new Resharders(Collections.unmodifiableMap(new LinkedHashMap<>(resharders)),
                Collections.unmodifiableMap(new LinkedHashMap<>(writes)));
    }

    /**
     * A {@code Resharder} of {@code rule}, built now over its freshly read bucket map.
     *
     * @throws UnknownReshardRuleException when {@code rule} is not declared under {@code shardkit.reshard.rules}
     */
    public Resharder get(String rule) {
        Supplier<Resharder> resharder = resharders.get(Objects.requireNonNull(rule, "rule"));
        if (resharder == null) {
            throw UnknownReshardRuleException.noResharder(rule, resharders.keySet());
        }
        return resharder.get();
    }

    /** The rules that have a resharder, as declared. */
    public Set<String> rules() {
        return resharders.keySet();
    }

    /**
     * The write fence of bucketed rule {@code rule}: every write of one of its keys goes through it (or calls its
     * {@code enter} first in a transaction of its own), so that a move can catch up with it and an old owner refuses
     * it after the flip.
     *
     * @throws UnknownReshardRuleException when {@code rule} is not a bucketed rule
     */
    public BucketWrites bucketWrites(String rule) {
        BucketWrites fence = writes.get(Objects.requireNonNull(rule, "rule"));
        if (fence == null) {
            throw UnknownReshardRuleException.notBucketed(rule, writes.keySet());
        }
        return fence;
    }

    /** The bucketed rules, in the order they are configured. */
    public Set<String> bucketedRules() {
        return writes.keySet();
    }

    @Override
    public String toString() {
        return "Resharders[rules=" + resharders.keySet() + ", bucketed=" + writes.keySet() + "]";
    }
}
