package io.shardkit.layout;

import io.shardkit.ShardUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A shard refused a connection because its database has not been verified against the layout (it was down at
 * start-up and is not back, or a check is running), or failed the check. Like any
 * {@link ShardUnavailableException} it fails only the callers routed to that shard.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardNotVerifiedException extends ShardUnavailableException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable LayoutProblem problem;

    private ShardNotVerifiedException(String shard, String detail, @Nullable LayoutProblem problem,
                                      @Nullable Throwable cause) {
        super(shard, detail, cause);
        this.problem = problem;
    }

    /** No layout check has run yet for {@code shard}. */
    public static ShardNotVerifiedException notChecked(String shard) {
        return new ShardNotVerifiedException(shard, "its database has not been checked against the layout yet; "
                + "call LayoutFence.verify(registry, rules) before serving", null, null);
    }

    /** {@code shard} could not be reached to check its identity. */
    public static ShardNotVerifiedException unreachable(String shard, Throwable cause) {
        return new ShardNotVerifiedException(shard, "its database could not be reached to check its layout "
                + "identity (" + cause.getMessage() + "); it is checked again on the next call", null, cause);
    }

    /** Another thread is checking {@code shard} right now. */
    public static ShardNotVerifiedException checking(String shard) {
        return new ShardNotVerifiedException(shard, "its layout identity is being checked; retry shortly", null,
                null);
    }

    /** {@code shard} failed the layout check and stays fenced until the application restarts. */
    public static ShardNotVerifiedException fenced(LayoutProblem problem) {
        return new ShardNotVerifiedException(problem.shard(), "its database failed the layout check and is "
                + "fenced: " + problem.describe() + ". " + problem.action(), problem, null);
    }

    /** Why the check failed, when it did; {@code null} while the shard is merely unverified. */
    public @Nullable LayoutProblem getProblem() {
        return problem;
    }
}
