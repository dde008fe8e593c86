package io.shardkit.layout;

import io.shardkit.ShardingConfigurationException;
import java.util.List;
import java.util.StringJoiner;

/**
 * The shard databases do not match the layout: a url that reaches another shard's database, two shards on one
 * database, a missing or foreign identity, a changed index or rule fingerprint, a missing identity table. Raised
 * by {@link LayoutFence#verify} at start-up; the shards concerned never serve a call. Each
 * {@link LayoutProblem} names the shard, what was expected, what was found and what to do.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class LayoutMismatchException extends ShardingConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String layoutName;
    private final transient List<LayoutProblem> problems;

    private LayoutMismatchException(String layoutName, List<LayoutProblem> problems, String message, String action) {
        super(null, message, action, null);
        this.layoutName = layoutName;
        this.problems = List.copyOf(problems);
    }

    /** The failure of layout {@code layoutName} with {@code problems} (at least one). */
    public static LayoutMismatchException of(String layoutName, List<LayoutProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a layout mismatch needs at least one problem");
        }
        StringJoiner message = new StringJoiner("\n  - ", "Layout '" + layoutName + "' does not match the shard "
                + "databases (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  - ",
                "");
        StringJoiner action = new StringJoiner("\n");
        for (LayoutProblem problem : problems) {
            message.add(problem.describe());
            action.add("Shard '" + problem.shard() + "': " + problem.action());
        }
        return new LayoutMismatchException(layoutName, problems, message.toString(), action.toString());
    }

    /** The layout that was checked. */
    public String getLayoutName() {
        return layoutName;
    }

    /** What is wrong, one entry per shard and disagreement, in shard order. */
    public List<LayoutProblem> getProblems() {
        return problems;
    }
}
