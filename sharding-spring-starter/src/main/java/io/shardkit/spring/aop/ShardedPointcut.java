package io.shardkit.spring.aop;

import io.shardkit.annotation.Broadcast;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.Sharded;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Matches methods annotated {@link Sharded}, and the public methods of classes annotated {@code @Sharded} (except
 * those annotated {@code @ScatterGather} or {@code @Broadcast}, whose own annotation wins).
 * A matched method is compiled at once, while the proxy is made, so that an unknown rule, a missing key or a
 * misspelt property path fails the application's start rather than its first call.
 *
 * <p>Thread-safe.
 */
final class ShardedPointcut extends StaticMethodMatcherPointcut {

    private final ShardedMethods methods;

    ShardedPointcut(ShardedMethods methods) {
        this.methods = methods;
    }

    @Override
    public boolean matches(Method method, @Nullable Class<?> targetClass) {
        if (!FanOutPointcut.advisable(method)) {
            return false;
        }
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        boolean annotated = AnnotatedElementUtils.hasAnnotation(specific, Sharded.class)
                || AnnotatedElementUtils.hasAnnotation(method, Sharded.class)
                || (Modifier.isPublic(specific.getModifiers()) && classAnnotated(specific, targetClass)
                        && !fanOut(specific));
        if (annotated) {
            methods.sharded(method, targetClass);
        }
        return annotated;
    }

    /** A method's own fan-out annotation wins over a class-level {@code @Sharded}. */
    private static boolean fanOut(Method specific) {
        return AnnotatedElementUtils.hasAnnotation(specific, ScatterGather.class)
                || AnnotatedElementUtils.hasAnnotation(specific, Broadcast.class);
    }

    private static boolean classAnnotated(Method specific, @Nullable Class<?> targetClass) {
        return AnnotatedElementUtils.hasAnnotation(specific.getDeclaringClass(), Sharded.class)
                || (targetClass != null && AnnotatedElementUtils.hasAnnotation(targetClass, Sharded.class));
    }
}
