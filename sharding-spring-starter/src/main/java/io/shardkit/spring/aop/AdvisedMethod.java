package io.shardkit.spring.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * A method shardkit advises, as called on a target class: its most specific form (the implementation's), the
 * form it was declared in (e.g. an interface's), its parameter names and how messages name it
 * ({@code OrderRepository.insert(Order)}). What every compiled route or fan-out plan is built from.
 *
 * <p>Immutable and thread-safe.
 */
public final class AdvisedMethod {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Method specific;
    private final Method declared;
    private final @Nullable Class<?> targetClass;
    private final String where;
    private final String[] parameterNames;

    private AdvisedMethod(Method declared, @Nullable Class<?> targetClass) {
        this.declared = declared;
        this.targetClass = targetClass;
        this.specific = AopUtils.getMostSpecificMethod(declared, targetClass);
        this.where = describe(specific);
        this.parameterNames = parameterNames(specific);
    }

    /** {@code method} as called on {@code targetClass} ({@code null} when unknown). */
    public static AdvisedMethod of(Method method, @Nullable Class<?> targetClass) {
        return new AdvisedMethod(Objects.requireNonNull(method, "method"), targetClass);
    }

    /** The implementation's method. */
    public Method specific() {
        return specific;
    }

    /** The method as the proxy saw it (e.g. an interface's), where parameter annotations may also sit. */
    public Method declared() {
        return declared;
    }

    /** The target class, or {@code null} when unknown. */
    public @Nullable Class<?> targetClass() {
        return targetClass;
    }

    /** The target class when known, else the class declaring the method: where class-level annotations sit. */
    public Class<?> userClass() {
        return targetClass != null ? targetClass : specific.getDeclaringClass();
    }

    /** How messages name the method, e.g. {@code OrderRepository.insert(Order)}. */
    public String where() {
        return where;
    }

    /** Parameter names as compiled with {@code -parameters}; {@code arg0}... without it. */
    String[] parameterNames() {
        return parameterNames;
    }

    /** The annotation on the specific method, else on the declared one; {@code null} when on neither. */
    public <A extends Annotation> @Nullable A annotation(Class<A> type) {
        A annotation = AnnotatedElementUtils.findMergedAnnotation(specific, type);
        return annotation != null ? annotation : AnnotatedElementUtils.findMergedAnnotation(declared, type);
    }

    /** Whether the specific or the declared method carries {@code type}. */
    public boolean annotated(Class<? extends Annotation> type) {
        return AnnotatedElementUtils.hasAnnotation(specific, type) || AnnotatedElementUtils.hasAnnotation(declared,
                type);
    }

    /** {@code OrderRepository.insert(Order)}: how messages name a method. */
    public static String describe(Method method) {
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            params.add(type.getSimpleName());
        }
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + params;
    }

    private static String[] parameterNames(Method method) {
        String[] names = NAMES.getParameterNames(method);
        if (names != null) {
            return names;
        }
        String[] fallback = new String[method.getParameterCount()];
        for (int i = 0; i < fallback.length; i++) {
            fallback[i] = "arg" + i;
        }
        return fallback;
    }

    @Override
    public String toString() {
        return where;
    }
}
