package io.shardkit.spring.aop;

import io.shardkit.ShardingConfigurationException;
import java.util.List;
import java.util.StringJoiner;

/**
 * A bean calls its own {@code @Sharded}, {@code @ScatterGather} or {@code @Broadcast} method on {@code this}:
 * Spring's proxy is bypassed, so the inner annotation never runs and the call stays on whatever shard (if any) is
 * bound, e.g. customer B's row committed on customer A's shard. Found in the bean class's bytecode when the
 * context starts; {@link #getCaller()} and {@link #getCallee()} name the first such call, the message every one.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class SelfInvocationException extends ShardingConfigurationException {

    private static final long serialVersionUID = 1L;

    /** The property that turns the failure into a warning. */
    public static final String PROPERTY = "shardkit.self-invocation";

    private final String caller;
    private final String callee;

    private SelfInvocationException(String message, String action, String caller, String callee) {
        super(null, message, action, null);
        this.caller = caller;
        this.callee = callee;
    }

    /** The calls on {@code this} found in bean {@code beanName}; {@code calls} is not empty. */
    static SelfInvocationException inBean(String beanName, Class<?> beanType,
                                          List<SelfInvocationScanner.SelfInvocation> calls) {
        StringJoiner found = new StringJoiner("; ");
        for (SelfInvocationScanner.SelfInvocation call : calls) {
            found.add(describe(call));
        }
        SelfInvocationScanner.SelfInvocation first = calls.get(0);
        String message = "Bean '" + beanName + "' (" + beanType.getName() + ") calls its own shardkit-annotated "
                + (calls.size() == 1 ? "method" : "methods") + " on this, past the proxy, so the annotation does not "
                + "run and the call stays on the caller's shard: " + found;
        return new SelfInvocationException(message, action(beanType, first), first.caller(), first.callee());
    }

    /** One call, as the message and the warning name it. */
    static String describe(SelfInvocationScanner.SelfInvocation call) {
        return call.caller() + " calls " + call.callee() + " on this";
    }

    private static String action(Class<?> beanType, SelfInvocationScanner.SelfInvocation call) {
        String type = beanType.getSimpleName();
        int open = call.callee().indexOf('(');
        String method = call.callee().substring(call.callee().lastIndexOf('.', open) + 1, open + 1);
        return "Call " + call.callee() + " through the proxy: inject the bean into itself (a constructor parameter "
                + "@Lazy " + type + " self, or ObjectProvider<" + type + ">) and call self." + method + "...); or "
                + "move " + call.callee() + " to another bean. To start anyway and only log these calls, set "
                + PROPERTY + "=warn.";
    }

    /** The method that makes the first call, e.g. {@code OrderService.placeTwo(Order, Order)}. */
    public String getCaller() {
        return caller;
    }

    /** The annotated method it calls on {@code this}, e.g. {@code OrderService.insert(Order)}. */
    public String getCallee() {
        return callee;
    }
}
