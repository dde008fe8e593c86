package io.shardkit.spring.aop;

/**
 * What the start-up check does about a bean calling its own shardkit-annotated method on {@code this}
 * ({@link AnnotatedMethodsCheck}): such a call bypasses the proxy, so its annotation does not run.
 */
public enum SelfInvocationMode {

    /** Fail the start with a {@link SelfInvocationException} naming caller, callee and the fix (the default). */
    FAIL,
    /** Log each call found at WARN and start. */
    WARN,
    /** Do not look. */
    OFF
}
