package io.shardkit.spring.aop;

import org.jspecify.annotations.Nullable;

/**
 * The key is the {@code @ShardKey} argument itself, or a property path into it.
 *
 * <p>Immutable and thread-safe.
 */
final class ParameterShardKeyResolver implements ShardKeyResolver {

    private final int index;
    private final @Nullable PropertyPath path;
    private final String expression;

    ParameterShardKeyResolver(int index, @Nullable PropertyPath path, String expression) {
        this.index = index;
        this.path = path;
        this.expression = expression;
    }

    @Override
    public @Nullable Object resolve(Object[] arguments) {
        Object argument = arguments[index];
        return path == null ? argument : path.read(argument);
    }

    @Override
    public String expression() {
        return expression;
    }

    @Override
    public int parameterIndex() {
        return path == null ? index : -1;
    }

    @Override
    public String toString() {
        return expression;
    }
}
