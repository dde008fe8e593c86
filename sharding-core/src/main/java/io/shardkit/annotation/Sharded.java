package io.shardkit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Routes a method call to the shard that holds its key: the key is resolved from the arguments, the rule maps
 * it to a shard, the shard is bound for the call and unbound afterwards, whatever happens. On a class, applies
 * to each of its public methods (a method's own annotation wins).
 *
 * <p>An AOP runtime (shardkit's Spring starter) honours it; the interceptor must be ordered outside the
 * transaction interceptor so that a transaction opens on the routed shard.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Sharded {

    /** The rule to route by; empty means the configured default rule. */
    String rule() default "";

    /**
     * A SpEL expression over the arguments giving the key, e.g. {@code "#order.customerId"}; empty means the
     * one parameter annotated {@link ShardKey}.
     */
    String key() default "";
}
