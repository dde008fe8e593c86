package io.shardkit.layout;

import io.shardkit.Shard;
import io.shardkit.ShardGate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One shard's gate in a {@link LayoutFence}: open once its database checked out, closed while it is unchecked,
 * unreachable or fenced. The open path is one volatile read; anything else goes to the fence.
 *
 * <p>Thread-safe.
 */
final class LayoutGate implements ShardGate {

    private final LayoutFence fence;
    private volatile State state = State.NOT_CHECKED;

    LayoutGate(LayoutFence fence) {
        this.fence = fence;
    }

    @Override
    public void admit(Shard shard) {
        if (state != State.OPEN) {
            fence.admitSlowly(this, shard);
        }
    }

    @Override
    public Optional<String> refusal(Shard shard) {
        State s = state;
        return s == State.OPEN ? Optional.empty() : Optional.of(s.reason);
    }

    State state() {
        return state;
    }

    void set(State state) {
        this.state = state;
    }

    /** Where a gate stands. Immutable. */
    static final class State {

        static final State OPEN = new State(Kind.OPEN, "verified", null, null);
        static final State NOT_CHECKED = new State(Kind.NOT_CHECKED, "not checked against the layout yet", null,
                null);

        final Kind kind;
        final String reason;
        final @Nullable LayoutProblem problem;
        final @Nullable Exception cause;

        private State(Kind kind, String reason, @Nullable LayoutProblem problem, @Nullable Exception cause) {
            this.kind = kind;
            this.reason = reason;
            this.problem = problem;
            this.cause = cause;
        }

        static State down(Exception cause) {
            return new State(Kind.DOWN, "unreachable when the layout was checked (" + cause.getMessage()
                    + "); checked again on the next call", null, cause);
        }

        static State fenced(LayoutProblem problem) {
            return new State(Kind.FENCED, "failed the layout check: " + problem.describe(), problem, null);
        }
    }

    /** The kinds of state. */
    enum Kind {
        OPEN, NOT_CHECKED, DOWN, FENCED
    }
}
