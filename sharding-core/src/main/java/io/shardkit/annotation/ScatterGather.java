package io.shardkit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Comparator;

/**
 * Runs a method once per shard and merges the results. With a {@link ShardKey} collection parameter, the method
 * runs once per shard that owns any of the keys, with only that shard's keys; without one, once per shard of
 * the rule. Results merge by return type: lists and collections concatenate (in shard order, or by
 * {@link #orderBy()} when given), numbers sum, {@code Optional} yields the first present, maps merge.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ScatterGather {

    /** The rule whose shards to visit; empty means the configured default rule. */
    String rule() default "";

    /**
     * A comparator by which each shard's result is already sorted; the merge then keeps that order (k-way
     * merge). {@code Comparator.class} (the default) means plain concatenation.
     */
    @SuppressWarnings("rawtypes")
    Class<? extends Comparator> orderBy() default Comparator.class;

    /** Keep at most this many merged elements; a negative value (the default) means no limit. */
    int limit() default -1;
}
