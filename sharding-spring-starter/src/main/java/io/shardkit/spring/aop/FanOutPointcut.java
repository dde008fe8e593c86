package io.shardkit.spring.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Matches methods annotated with one fan-out annotation ({@code @ScatterGather} or {@code @Broadcast}) and
 * compiles each at once, while its proxy is made, so that a method the advice cannot serve fails the start.
 *
 * <p>Thread-safe.
 */
final class FanOutPointcut extends StaticMethodMatcherPointcut {

    private final Class<? extends Annotation> annotation;
    private final BiConsumer<Method, @Nullable Class<?>> compile;

    /**
     * @param annotation the annotation to match
     * @param compile    compiles a matched method (and throws when it cannot be served)
     */
    FanOutPointcut(Class<? extends Annotation> annotation, BiConsumer<Method, @Nullable Class<?>> compile) {
        this.annotation = annotation;
        this.compile = compile;
    }

    @Override
    public boolean matches(Method method, @Nullable Class<?> targetClass) {
        if (!advisable(method)) {
            return false;
        }
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        boolean annotated = AnnotatedElementUtils.hasAnnotation(specific, annotation)
                || AnnotatedElementUtils.hasAnnotation(method, annotation);
        if (annotated) {
            compile.accept(method, targetClass);
        }
        return annotated;
    }

    /** Whether shardkit advises {@code method} at all: not {@code Object}'s, not static, not private. */
    static boolean advisable(Method method) {
        return method.getDeclaringClass() != Object.class && !Modifier.isStatic(method.getModifiers())
                && !Modifier.isPrivate(method.getModifiers());
    }
}
