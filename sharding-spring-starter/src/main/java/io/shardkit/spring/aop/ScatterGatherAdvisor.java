package io.shardkit.spring.aop;

import io.shardkit.annotation.ScatterGather;
import java.util.Objects;

/**
 * Applies {@link ScatterGatherInterceptor} to {@code @ScatterGather} methods, in the interceptor's order (outside the
 * transaction interceptor). Each matched method is compiled while its proxy is made, so an unsupported return
 * type fails the start naming the method.
 *
 * <p>Thread-safe.
 */
public final class ScatterGatherAdvisor extends FanOutAdvisorSupport {

    private static final long serialVersionUID = 1L;

    public ScatterGatherAdvisor(FanOutMethods methods, ScatterGatherInterceptor interceptor) {
        super(ScatterGather.class, Objects.requireNonNull(methods, "methods")::scatterGather,
                Objects.requireNonNull(interceptor, "interceptor"), interceptor);
    }
}
