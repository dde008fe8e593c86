package io.shardkit.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks where a shard key is.
 *
 * <ul>
 *   <li>On a <b>parameter</b>: the parameter that carries the shard key of a {@link Sharded} or
 *       {@link ScatterGather} call (for {@code @ScatterGather} it may be a collection of keys). The method's
 *       annotation names the rule.</li>
 *   <li>On a <b>field or record component</b> of an entity: the entity's shard key. Before Spring Data JDBC or
 *       Hibernate inserts or updates the entity, shardkit checks that this key routes (by {@link #rule()}) to the
 *       shard the write runs on, and refuses the write with {@code io.shardkit.entity.WrongShardWriteException}
 *       otherwise; {@code io.shardkit.entity.ShardGuard} does the same for code of your own.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface ShardKey {

    /**
     * A property path into the argument, e.g. {@code "customerId"} for {@code @ShardKey("customerId") Order o}:
     * a record accessor, a JavaBean getter or a {@code Map} entry; dotted paths go deeper. Empty means the
     * argument itself is the key.
     */
    String value() default "";

    /**
     * On an entity's field or record component: the rule its key is routed by; empty means the default rule.
     * Not read on a parameter, where the method's {@code @Sharded} / {@code @ScatterGather} names the rule.
     */
    String rule() default "";
}
