package io.shardkit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The shard key could not be resolved from a call's arguments: a key expression that does not parse, names no
 * parameter or a property the parameter's type lacks (found at start-up), or that failed to evaluate on one
 * call (the expression's own exception is the cause). Raised before any shard is chosen. Messages name the rule,
 * the method and the expression:
 * {@code Rule 'orders': could not resolve the shard key [#o.custmerId] of OrderRepository.save(Order): [Order]
 * has no property 'custmerId' (...); the nearest is 'customerId'}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardKeyResolutionException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String where;

    private ShardKeyResolutionException(String rule, String expression, String where, String problem,
                                        @Nullable Throwable cause) {
        super("Rule '" + rule + "': could not resolve the shard key [" + expression + "] of " + where + ": " + problem,
                rule, null, null, cause);
        this.expression = expression;
        this.where = where;
    }

    /** The expression does not parse; the parser's exception is the cause. */
    public static ShardKeyResolutionException unparsable(String rule, String expression, String where,
                                                         Throwable cause) {
        return new ShardKeyResolutionException(rule, expression, where, "the expression does not parse: "
                + cause.getMessage(), cause);
    }

    /** Neither a key expression nor a {@code @ShardKey} parameter. */
    public static ShardKeyResolutionException noKey(String rule, String where) {
        return new ShardKeyResolutionException(rule, "", where, "no key: give @Sharded(key = \"#...\") or annotate "
                + "one parameter @ShardKey", null);
    }

    /** Two or more parameters annotated {@code @ShardKey}. */
    public static ShardKeyResolutionException severalKeys(String rule, String where) {
        return new ShardKeyResolutionException(rule, "@ShardKey", where, "more than one parameter is annotated "
                + "@ShardKey; annotate exactly one, or give @Sharded(key = \"#...\")", null);
    }

    /** A property path with an empty segment, e.g. {@code "customer..id"}. */
    public static ShardKeyResolutionException emptySegment(String rule, String path, String where) {
        return new ShardKeyResolutionException(rule, path, where, "the property path has an empty segment", null);
    }

    /**
     * A property that {@code type} does not have.
     *
     * @param nearest the existing property closest in spelling, or {@code null} when the type has none
     */
    public static ShardKeyResolutionException unknownProperty(String rule, String expression, String where,
                                                              Class<?> type, String property,
                                                              @Nullable String nearest) {
        return new ShardKeyResolutionException(rule, expression, where, "[" + type.getName() + "] has no property '"
                + property + "' (looked for a record component, a getter, a field, a no-argument method and a Map "
                + "entry)" + (nearest == null ? "" : "; the nearest is '" + nearest + "'"), null);
    }

    /** A variable ({@code #name}) that is no parameter of the method. */
    public static ShardKeyResolutionException unknownVariable(String rule, String expression, String where,
                                                              String variable, List<String> parameters) {
        return new ShardKeyResolutionException(rule, expression, where, "#" + variable + " is no parameter; the "
                + "parameters are " + parameters + " (also #p0 / #a0 by position)"
                + (namesMissing(parameters) ? "; the class was compiled without parameter names: compile it with"
                        + " javac -parameters (Spring Boot's Maven and Gradle plugins do) to use #name" : ""), null);
    }

    /** Whether the names are javac's stand-ins ({@code arg0, arg1, ...}): the class file carries no names. */
    private static boolean namesMissing(List<String> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).equals("arg" + i)) {
                return false;
            }
        }
        return !parameters.isEmpty();
    }

    /** Evaluating the key of one call threw {@code cause}: the key expression's or the property's own failure. */
    public static ShardKeyResolutionException failed(String rule, String expression, String where, Throwable cause) {
        return new ShardKeyResolutionException(rule, expression, where, "evaluating it threw " + cause, cause);
    }

    /** The key expression or property path that failed, as written. */
    public String getExpression() {
        return expression;
    }

    /** The method whose key it is, e.g. {@code OrderRepository.insert(Order)}. */
    public String getWhere() {
        return where;
    }
}
