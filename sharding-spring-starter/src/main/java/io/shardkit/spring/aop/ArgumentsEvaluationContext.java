package io.shardkit.spring.aop;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.ConstructorResolver;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.IndexAccessor;
import org.springframework.expression.MethodResolver;
import org.springframework.expression.OperatorOverloader;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypeComparator;
import org.springframework.expression.TypeConverter;
import org.springframework.expression.TypeLocator;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.support.MapAccessor;
import org.springframework.expression.spel.support.ReflectivePropertyAccessor;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.expression.spel.support.StandardTypeLocator;

/**
 * The evaluation context of one key expression call: the method's arguments as variables ({@code #order},
 * {@code #p0}, {@code #a0}), everything else from one shared, fully initialised {@link StandardEvaluationContext}.
 * A call allocates this object only: no variable map, no accessor lists.
 *
 * <p>Not thread-safe; one instance per call. The shared delegate is never modified after construction.
 */
final class ArgumentsEvaluationContext implements EvaluationContext {

    /** Maps first (so {@code #m.key} reads an entry), then records, getters and fields. */
    private static final StandardEvaluationContext SHARED = shared();

    private final String[] names;
    private final Object[] arguments;

    ArgumentsEvaluationContext(String[] names, Object[] arguments) {
        this.names = names;
        this.arguments = arguments;
    }

    private static StandardEvaluationContext shared() {
        StandardEvaluationContext context = new StandardEvaluationContext();
        context.setPropertyAccessors(List.of(new MapAccessor(false), new ReflectivePropertyAccessor(false)));
        context.setTypeLocator(new StandardTypeLocator(ArgumentsEvaluationContext.class.getClassLoader()));
        // Touch the lazily created parts once, here, so concurrent calls never race to create them.
        context.getConstructorResolvers();
        context.getMethodResolvers();
        context.getIndexAccessors();
        context.getTypeConverter();
        return context;
    }

    @Override
    public @Nullable Object lookupVariable(String name) {
        int index = variableIndex(names, name);
        return index < 0 ? null : arguments[index];
    }

    /** The argument index a SpEL variable stands for: a parameter name, or {@code p0} / {@code a0} style. */
    static int variableIndex(String[] names, String variable) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(variable)) {
                return i;
            }
        }
        if (variable.length() > 1 && (variable.charAt(0) == 'p' || variable.charAt(0) == 'a')) {
            try {
                int index = Integer.parseInt(variable, 1, variable.length(), 10);
                return index < names.length ? index : -1;
            } catch (NumberFormatException ex) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public void setVariable(String name, @Nullable Object value) {
        throw new UnsupportedOperationException("shard key expressions cannot assign variables");
    }

    @Override
    public TypedValue getRootObject() {
        return TypedValue.NULL;
    }

    @Override
    public List<PropertyAccessor> getPropertyAccessors() {
        return SHARED.getPropertyAccessors();
    }

    @Override
    public List<IndexAccessor> getIndexAccessors() {
        return SHARED.getIndexAccessors();
    }

    @Override
    public List<ConstructorResolver> getConstructorResolvers() {
        return SHARED.getConstructorResolvers();
    }

    @Override
    public List<MethodResolver> getMethodResolvers() {
        return SHARED.getMethodResolvers();
    }

    @Override
    public @Nullable BeanResolver getBeanResolver() {
        return null;
    }

    @Override
    public TypeLocator getTypeLocator() {
        return SHARED.getTypeLocator();
    }

    @Override
    public TypeConverter getTypeConverter() {
        return SHARED.getTypeConverter();
    }

    @Override
    public TypeComparator getTypeComparator() {
        return SHARED.getTypeComparator();
    }

    @Override
    public OperatorOverloader getOperatorOverloader() {
        return SHARED.getOperatorOverloader();
    }
}
