package io.shardkit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter that carries the shard key of a {@link Sharded}, {@link ScatterGather} call. For
 * {@code @ScatterGather} the parameter may be a collection of keys.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ShardKey {

    /**
     * A property path into the argument, e.g. {@code "customerId"} for {@code @ShardKey("customerId") Order o}:
     * a record accessor, a JavaBean getter or a {@code Map} entry; dotted paths go deeper. Empty means the
     * argument itself is the key.
     */
    String value() default "";
}
