package io.shardkit.spring.aop;

import io.shardkit.annotation.Broadcast;
import java.util.Objects;

/**
 * Applies {@link BroadcastInterceptor} to {@code @Broadcast} methods, in the interceptor's order (outside the
 * transaction interceptor). Each matched method is compiled while its proxy is made, so an unsupported return
 * type fails the start naming the method.
 *
 * <p>Thread-safe.
 */
public final class BroadcastAdvisor extends FanOutAdvisorSupport {

    private static final long serialVersionUID = 1L;

    public BroadcastAdvisor(FanOutMethods methods, BroadcastInterceptor interceptor) {
        super(Broadcast.class, Objects.requireNonNull(methods, "methods")::broadcast,
                Objects.requireNonNull(interceptor, "interceptor"), interceptor);
    }
}
