package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingException;
import io.shardkit.layout.LayoutMismatchException;
import io.shardkit.layout.LayoutProblem;
import java.util.StringJoiner;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns every shardkit start-up failure into Spring Boot's "APPLICATION FAILED TO START" report: a
 * {@link ShardingConfigurationException} (a misconfigured or unknown property, a shard index, a layout mismatch)
 * with the property and what was wrong as the description and what to do as the action, with the property to set
 * where one exists; any other {@link ShardingException} (a shard that must be reachable and is not) with its message
 * and the step to take.
 *
 * <p>Stateless and thread-safe. Registered in {@code META-INF/spring.factories}.
 */
public final class ShardkitFailureAnalyzer extends AbstractFailureAnalyzer<ShardingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ShardingException cause) {
        if (cause instanceof ShardingConfigurationException configuration) {
            return new FailureAnalysis(description(configuration), action(configuration), cause);
        }
        String action;
        if (cause instanceof ShardUnavailableException && cause.getShard() != null) {
            action = "Check that shard '" + cause.getShard() + "' is reachable (" + ConfigPath.shard(cause.getShard())
                    + ".url, credentials, network); or, to start without it, set " + ConfigPath.shard(cause.getShard())
                    .child("fail-on-startup") + "=false.";
        } else if (cause instanceof ShardKeyResolutionException) {
            action = "Correct the key of the method named above: the annotation's key (a SpEL expression over the"
                    + " method's parameters, e.g. #order.customerId) or the one parameter annotated @ShardKey.";
        } else {
            action = "See the message above; shardkit refuses to start rather than serve from a wrong or broken"
                    + " layout.";
        }
        return new FailureAnalysis("shardkit could not start: " + cause.getMessage(), action, cause);
    }

    private static String description(ShardingConfigurationException cause) {
        String property = cause.getProperty();
        return property == null ? "shardkit could not start: " + cause.getMessage()
                : "shardkit could not start: property '" + property + "' is wrong.\n\n" + cause.getMessage();
    }

    private static String action(ShardingConfigurationException cause) {
        if (cause instanceof LayoutMismatchException mismatch) {
            StringJoiner action = new StringJoiner("\n");
            for (LayoutProblem problem : mismatch.getProblems()) {
                action.add("Shard '" + problem.shard() + "': " + problem.action() + "." + property(problem));
            }
            return action.toString();
        }
        if (cause.getAction() != null) {
            return cause.getAction();
        }
        return cause.getProperty() == null ? "Correct the shardkit configuration (see the message above)."
                : "Correct '" + cause.getProperty() + "' in your configuration (application.yml, "
                + "application.properties, environment variables or command-line arguments).";
    }

    /** The property that carries the fix of a layout problem, as a line to write. */
    private static String property(LayoutProblem problem) {
        ConfigPath shard = ConfigPath.shard(problem.shard());
        return switch (problem.kind()) {
            case OTHER_SHARDS_DATABASE, SWAPPED, SHARED_DATABASE, MISSING_IDENTITY ->
                    "\n    Check " + shard.child("url") + ".";
            case FOREIGN_IDENTITY -> "\n    Check " + shard.child("url") + "; an identity table of its own: "
                    + LayoutFenceFactory.PATH.child("table") + "=...";
            case INDEX_CHANGED -> "\n    " + shard.child("index") + "=" + problem.value();
            case RULE_CHANGED -> "\n    To accept it: " + LayoutFenceFactory.PATH.child("accepted-changes")
                    .key(problem.rule()) + "=" + problem.value();
            case TABLE_MISSING -> "\n    Or: " + LayoutFenceFactory.PATH.child("create-table") + "=true";
        };
    }
}
