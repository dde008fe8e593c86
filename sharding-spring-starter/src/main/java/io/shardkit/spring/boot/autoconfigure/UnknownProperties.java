package io.shardkit.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds the properties under {@code shardkit.} that bind to nothing, a misspelt {@code shardkit.default-rul} or
 * {@code pool.maximum-pool-sise}, which would otherwise be ignored while the application starts on defaults. Spring
 * Boot's own binder decides what binds: each root ({@code shardkit} to {@link ShardkitProperties},
 * {@code shardkit.outbox} to {@link OutboxProperties}, any other) is bound again with a handler that collects what
 * no property took. Each unknown property is named with its origin and, where one is close, the property meant.
 *
 * <p>Stateless and thread-safe.
 */
final class UnknownProperties {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownProperties.class);

    private UnknownProperties() {
    }

    /** A properties class and the prefix it binds. */
    record Root(String prefix, Class<?> type) {
    }

    /**
     * @param fail whether an unknown property fails the start (else each is logged at WARN)
     */
    static void check(Iterable<ConfigurationPropertySource> sources, List<Root> roots, boolean fail) {
        List<ConfigurationProperty> unknown = unknown(sources, roots);
        if (unknown.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (ConfigurationProperty property : unknown) {
            String meant = PropertyNames.closest(property.getName(), roots);
            String origin = property.getOrigin() == null ? "" : " (from " + property.getOrigin() + ")";
            lines.add("'" + property.getName() + "'" + origin + (meant == null ? "" : "; did you mean '" + meant
                    + "'?"));
        }
        if (!fail) {
            lines.forEach(line -> LOG.warn("shardkit: unknown property {}; it is ignored", line));
            return;
        }
        StringJoiner message = new StringJoiner("\n  - ", unknown.size() == 1 ? "unknown property " : unknown.size()
                + " unknown properties:\n  - ", "");
        lines.forEach(message::add);
        throw ConfigPath.of(unknown.get(0).getName().toString()).fail(message.toString(), "Correct or remove "
                + (unknown.size() == 1 ? "it" : "them") + "; shardkit.fail-on-unknown-properties=false logs unknown "
                + "properties instead of failing the start.", null);
    }

    private static List<ConfigurationProperty> unknown(Iterable<ConfigurationPropertySource> sources,
                                                       List<Root> roots) {
        List<ConfigurationProperty> unknown = new ArrayList<>();
        for (Root root : roots) {
            ConfigurationPropertyName prefix = ConfigurationPropertyName.of(root.prefix());
            List<ConfigurationPropertyName> others = roots.stream().filter(r -> r != root)
                    .map(r -> ConfigurationPropertyName.of(r.prefix())).filter(prefix::isAncestorOf).toList();
            List<ConfigurationPropertySource> visible = new ArrayList<>();
            sources.forEach(s -> visible.add(s.filter(name -> others.stream().noneMatch(o -> o.equals(name)
                    || o.isAncestorOf(name)))));
            Set<String> bound = new HashSet<>();
            try {
                new Binder(visible).bind(prefix, Bindable.of(root.type()), new RecordingHandler(bound));
            } catch (BindException ex) {
                if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                    unbound.getUnboundProperties().stream().filter(p -> !legacyEnvironmentName(p, bound))
                            .forEach(unknown::add);
                }
                // Any other failure is the regular binding's to report.
            }
        }
        unknown.sort(Comparator.comparing(p -> p.getName().toString()));
        return unknown;
    }

    /**
     * Whether {@code property} is an environment variable in the legacy form Spring Boot also binds
     * ({@code ..._MAXIMUM_POOL_SIZE} for {@code maximum-pool-size}): its name then has more elements than the
     * property it bound to, which therefore reads the same in letters and digits.
     */
    private static boolean legacyEnvironmentName(ConfigurationProperty property, Set<String> bound) {
        return property.getSource() != null
                && property.getSource().getUnderlyingSource() instanceof SystemEnvironmentPropertySource
                && bound.contains(ShardDeclarations.canonical(property.getName().toString()));
    }

    /** Boot's unbound-property check, remembering what did bind, in letters and digits. */
    private static final class RecordingHandler extends NoUnboundElementsBindHandler {

        private final Set<String> bound;

        RecordingHandler(Set<String> bound) {
            super(BindHandler.DEFAULT);
            this.bound = bound;
        }

        @Override
        public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                                          Object result) {
            bound.add(ShardDeclarations.canonical(name.toString()));
            return super.onSuccess(name, target, context, result);
        }
    }
}
