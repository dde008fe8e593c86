package io.shardkit.spring.aop;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingException;
import java.lang.annotation.Annotation;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @Sharded}, {@code @ScatterGather} or {@code @Broadcast} method the advice cannot serve: a return type
 * it cannot merge, {@code orderBy} / {@code limit} on a non-list, a key parameter that is not a collection, two
 * shardkit annotations on one method, and the like. Found when the method is compiled, at start-up, and named:
 * {@code OrderRepository.name(): @ScatterGather cannot merge the return type [java.lang.String]; supported: ...}.
 * A {@link ShardingConfigurationException}; a key that cannot be resolved is a
 * {@link io.shardkit.ShardKeyResolutionException} and an unknown rule an {@link io.shardkit.UnknownRuleException}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidAnnotationException extends ShardingConfigurationException {

    private static final long serialVersionUID = 1L;

    private InvalidAnnotationException(String message, @Nullable Throwable cause) {
        super(null, message, cause);
    }

    /** The method carries none of the annotation its interceptor serves. */
    public static InvalidAnnotationException notAnnotated(String where, Class<? extends Annotation> annotation) {
        return new InvalidAnnotationException(where + " is not annotated @" + annotation.getSimpleName(), null);
    }

    /** Two shardkit annotations on one method. */
    public static InvalidAnnotationException twoAnnotations(String where, Class<? extends Annotation> one,
                                                            Class<? extends Annotation> other) {
        return new InvalidAnnotationException(where + ": a method cannot be both @" + one.getSimpleName() + " and @"
                + other.getSimpleName(), null);
    }

    /** A return type no merge serves; {@code supported} lists those that are. */
    public static InvalidAnnotationException unsupportedReturnType(String where, Class<? extends Annotation> by,
                                                                   String type, String supported) {
        return new InvalidAnnotationException(where + ": @" + by.getSimpleName() + " cannot merge the return type ["
                + type + "]; supported: " + supported, null);
    }

    /** A {@code ScatterResult} return type without its value type. */
    public static InvalidAnnotationException rawScatterResult(String where) {
        return new InvalidAnnotationException(where + ": declare the value type of its ScatterResult, e.g. "
                + "ScatterResult<List<Order>>", null);
    }

    /** {@code orderBy} or {@code limit} on a method that does not return a list. */
    public static InvalidAnnotationException needsList(String where, String attribute) {
        return new InvalidAnnotationException(where + ": @ScatterGather(" + attribute + ") needs a List or "
                + "Collection return type", null);
    }

    /** The {@code orderBy} comparator cannot be instantiated. */
    public static InvalidAnnotationException comparatorNotCreatable(String where, Class<?> type, Throwable cause) {
        return new InvalidAnnotationException(where + ": the orderBy comparator [" + type.getName() + "] cannot be "
                + "created; it needs a public no-argument constructor: " + cause.getMessage(), cause);
    }

    /** A {@code @ScatterGather} key parameter with a property path. */
    public static InvalidAnnotationException keyCollectionWithPath(String where) {
        return new InvalidAnnotationException(where + ": the @ShardKey parameter of a @ScatterGather method must be "
                + "the key collection itself, without a property path", null);
    }

    /** A {@code @ScatterGather} key parameter that is no {@code List}, {@code Set} or {@code Collection}. */
    public static InvalidAnnotationException keyNotACollection(String where, Class<?> type) {
        return new InvalidAnnotationException(where + ": the @ShardKey parameter of a @ScatterGather method must be "
                + "a List, Set or Collection of keys but is [" + type.getName() + "]", null);
    }

    /** A {@code @Broadcast} method with a key parameter. */
    public static InvalidAnnotationException broadcastWithKey(String where) {
        return new InvalidAnnotationException(where + ": a @Broadcast method writes to every shard of its rule and "
                + "takes no @ShardKey parameter", null);
    }

    /** The fan-out advice was invoked outside Spring AOP's proxy invocations, which it copies per shard. */
    public static InvalidAnnotationException notAProxyInvocation(String where, Class<?> invocation) {
        return new InvalidAnnotationException(where + ": shardkit's fan-out advice needs Spring AOP's "
                + "ProxyMethodInvocation but got [" + invocation.getName() + "]", null);
    }

    /** A method of bean {@code beanName} failed to compile at start-up; {@code cause} says why. */
    public static InvalidAnnotationException inBean(String beanName, Class<?> beanType, ShardingException cause) {
        return new InvalidAnnotationException("Bean '" + beanName + "' (" + beanType.getName() + "): "
                + cause.getMessage(), cause);
    }
}
