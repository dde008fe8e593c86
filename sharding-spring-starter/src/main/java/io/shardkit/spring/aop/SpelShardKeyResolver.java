package io.shardkit.spring.aop;

import io.shardkit.ShardKeyResolutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The key is a SpEL expression over the arguments, parsed once. Expressions are compiled to bytecode after a few
 * calls where SpEL can ({@link SpelCompilerMode#MIXED}), and interpreted otherwise.
 *
 * <p>Immutable and thread-safe (a parsed SpEL expression is; each call gets its own evaluation context).
 */
final class SpelShardKeyResolver implements ShardKeyResolver {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser(
            new SpelParserConfiguration(SpelCompilerMode.MIXED, SpelShardKeyResolver.class.getClassLoader()));

    private final String source;
    private final Expression expression;
    private final String[] parameterNames;
    private final String rule;
    private final String where;

    SpelShardKeyResolver(String source, String[] parameterNames, String rule, String where) {
        this.source = source;
        this.parameterNames = parameterNames;
        this.rule = rule;
        this.where = where;
        try {
            this.expression = PARSER.parseExpression(source);
        } catch (ParseException ex) {
            throw new ShardKeyResolutionException(rule, source, where, "the expression does not parse: "
                    + ex.getMessage(), ex);
        }
    }

    @Override
    public @Nullable Object resolve(Object[] arguments) {
        try {
            return expression.getValue(new ArgumentsEvaluationContext(parameterNames, arguments));
        } catch (EvaluationException ex) {
            throw new ShardKeyResolutionException(rule, source, where, ex.getMessage(), ex);
        }
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
