package io.shardkit.spring.aop;

import io.shardkit.ShardKeyResolutionException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The key is a SpEL expression over the arguments, parsed and checked once: every variable must name a
 * parameter ({@code #order}, or {@code #p0} / {@code #a0}), and a property read from a parameter whose type is
 * closed (a record or a final class, see {@link TypeProperties}) must exist there, so {@code #o.custmerId} on a
 * record {@code Order} fails the start naming the nearest property. Expressions are compiled to bytecode after
 * a few calls where SpEL can ({@link SpelCompilerMode#MIXED}), and interpreted otherwise. Whatever an evaluation
 * throws (SpEL's own error, or the user's exception from a getter or method, which compiled expressions let
 * through bare) becomes a {@link ShardKeyResolutionException} naming the method and the expression, with the
 * failure as its cause.
 *
 * <p>Immutable and thread-safe (a parsed SpEL expression is; each call gets its own evaluation context).
 */
final class SpelShardKeyResolver implements ShardKeyResolver {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser(
            new SpelParserConfiguration(SpelCompilerMode.MIXED, SpelShardKeyResolver.class.getClassLoader()));

    private final String source;
    private final SpelExpression expression;
    private final String[] parameterNames;
    private final String rule;
    private final String where;

    private SpelShardKeyResolver(String source, SpelExpression expression, AdvisedMethod method, String rule) {
        this.source = source;
        this.expression = expression;
        this.parameterNames = method.parameterNames();
        this.rule = rule;
        this.where = method.where();
    }

    /** Parses {@code source} and checks its variables and property paths against {@code method}'s parameters. */
    static SpelShardKeyResolver compile(String source, AdvisedMethod method, String rule) {
        SpelExpression expression;
        try {
            expression = (SpelExpression) PARSER.parseExpression(source);
        } catch (ParseException ex) {
            throw ShardKeyResolutionException.unparsable(rule, source, method.where(), ex);
        }
        SpelShardKeyResolver resolver = new SpelShardKeyResolver(source, expression, method, rule);
        resolver.check(expression.getAST(), method.specific().getParameterTypes());
        return resolver;
    }

    @Override
    public @Nullable Object resolve(Object[] arguments) {
        try {
            return expression.getValue(new ArgumentsEvaluationContext(parameterNames, arguments));
        } catch (RuntimeException ex) {
            throw ShardKeyResolutionException.failed(rule, source, where, ex);
        }
    }

    /** Checks a node: a chain starting at a variable walks its properties; anything else checks its children. */
    private void check(SpelNode node, Class<?>[] parameterTypes) {
        if (node instanceof VariableReference variable) {
            parameterType(variable, parameterTypes);
        } else if (node instanceof CompoundExpression && node.getChild(0) instanceof VariableReference variable) {
            Class<?> type = parameterType(variable, parameterTypes);
            for (int i = 1; i < node.getChildCount(); i++) {
                SpelNode step = node.getChild(i);
                type = step instanceof PropertyOrFieldReference property ? propertyType(type, property.getName())
                        : null;
                check(step, parameterTypes);
            }
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            check(node.getChild(i), parameterTypes);
        }
    }

    /** The declared type of the parameter a variable names; {@code null} for {@code #this} / {@code #root}. */
    private @Nullable Class<?> parameterType(VariableReference variable, Class<?>[] parameterTypes) {
        String name = variable.toStringAST().substring(1);
        if (name.equals("this") || name.equals("root")) {
            return null;
        }
        int index = ArgumentsEvaluationContext.variableIndex(parameterNames, name);
        if (index < 0) {
            throw ShardKeyResolutionException.unknownVariable(rule, source, where, name,
                    Arrays.asList(parameterNames));
        }
        return parameterTypes[index];
    }

    /** The type of {@code property} of {@code type}, checked where the type is closed; {@code null} if unknown. */
    private @Nullable Class<?> propertyType(@Nullable Class<?> type, String property) {
        if (type == null || !TypeProperties.closed(type)) {
            return null;
        }
        Class<?> found = TypeProperties.type(type, property);
        if (found == null) {
            throw ShardKeyResolutionException.unknownProperty(rule, source, where, type, property,
                    TypeProperties.nearest(type, property));
        }
        return found;
    }

    @Override
    public String expression() {
        return source;
    }

    @Override
    public int parameterIndex() {
        return -1;
    }

    @Override
    public String toString() {
        return source;
    }
}
