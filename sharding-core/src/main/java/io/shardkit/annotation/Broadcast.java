package io.shardkit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a write on every shard of a rule, in shard order (reference data such as merchant info). Retrying a
 * broadcast is safe only when the statement is idempotent (an upsert, or an insert guarded by a key).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Broadcast {

    /** The rule whose shards to write to; empty means the configured default rule. */
    String rule() default "";
}
