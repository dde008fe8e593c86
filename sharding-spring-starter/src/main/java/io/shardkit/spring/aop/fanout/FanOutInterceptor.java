package io.shardkit.spring.aop.fanout;

import io.shardkit.ShardingRule;
import io.shardkit.annotation.Broadcast;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.Sharded;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.spring.aop.AdvisedMethod;
import io.shardkit.spring.aop.InvalidAnnotationException;
import io.shardkit.spring.aop.MethodRouting;
import io.shardkit.spring.aop.ShardkitInterceptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * What the fan-out interceptors share: the annotation they serve, the rule lookup ({@link MethodRouting}), the
 * executor (looked up on first use, so it may be lazy), and the compile steps common to both annotations: the
 * rule, the return type's merge, and the refusal of a second shardkit annotation on the method.
 *
 * <p>Thread-safe.
 */
abstract class FanOutInterceptor extends ShardkitInterceptor<FanOutPlan> {

    private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(Sharded.class,
            ScatterGather.class, Broadcast.class);

    private final Class<? extends Annotation> annotation;
    private final MethodRouting routing;
    private final Supplier<ScatterGatherExecutor> executor;

    FanOutInterceptor(Class<? extends Annotation> annotation, MethodRouting routing,
                      Supplier<ScatterGatherExecutor> executor, int order) {
        super(order);
        this.annotation = annotation;
        this.routing = Objects.requireNonNull(routing, "routing");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    final MethodRouting routing() {
        return routing;
    }

    final ScatterGatherExecutor executor() {
        return executor.get();
    }

    @Override
    protected final boolean advises(Method method, @Nullable Class<?> targetClass) {
        return AnnotatedElementUtils.hasAnnotation(AopUtils.getMostSpecificMethod(method, targetClass), annotation)
                || AnnotatedElementUtils.hasAnnotation(method, annotation);
    }

    /** The compiled plan of the invoked method, after refusing a call from inside a unit of work. */
    final FanOutPlan plan(MethodInvocation invocation) {
        FanOutPlan plan = compiled(invocation);
        plan.refuseInsideUnitOfWork(transactionOpener());
        return plan;
    }

    /** The method's annotation of this interceptor's type. */
    final <A extends Annotation> A annotation(AdvisedMethod method, Class<A> type) {
        A found = method.annotation(type);
        if (found == null) {
            throw InvalidAnnotationException.notAnnotated(method.where(), type);
        }
        return found;
    }

    /** The rule of the method's annotation, after refusing any other shardkit annotation on it. */
    final ShardingRule rule(AdvisedMethod method, String ruleName) {
        for (Class<? extends Annotation> other : ANNOTATIONS) {
            if (other != annotation && AnnotatedElementUtils.hasAnnotation(method.specific(), other)) {
                throw InvalidAnnotationException.twoAnnotations(method.where(), annotation, other);
            }
        }
        return routing.rule(method, ruleName);
    }

    /** The merge of the method's return type, unwrapping {@code ScatterResult<T>} to {@code T}. */
    final MergeByReturnType merge(AdvisedMethod method) {
        Class<?> type = returnedValueType(method);
        MergeByReturnType merge = MergeByReturnType.of(type);
        boolean scatterResult = method.specific().getReturnType() == ScatterResult.class;
        if (merge == null || (scatterResult && merge.isVoid())) {
            throw InvalidAnnotationException.unsupportedReturnType(method.where(), annotation,
                    scatterResult ? "ScatterResult<" + type.getName() + ">" : type.getName(),
                    MergeByReturnType.SUPPORTED);
        }
        return merge;
    }

    /** The {@code T} of a method returning {@code ScatterResult<T>}, else {@code null}. */
    static @Nullable Class<?> scatterResultOf(AdvisedMethod method) {
        return method.specific().getReturnType() == ScatterResult.class ? returnedValueType(method) : null;
    }

    private static Class<?> returnedValueType(AdvisedMethod method) {
        Class<?> type = method.specific().getReturnType();
        if (type != ScatterResult.class) {
            return type;
        }
        Class<?> inner = ResolvableType.forMethodReturnType(method.specific(), method.userClass()).getGeneric(0)
                .resolve();
        if (inner == null) {
            throw InvalidAnnotationException.rawScatterResult(method.where());
        }
        return inner;
    }
}
