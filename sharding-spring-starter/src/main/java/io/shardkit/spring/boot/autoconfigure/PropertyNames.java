package io.shardkit.spring.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;

/**
 * The property a misspelt one was meant to be: walks the properties classes along the name (map keys and list
 * indexes pass through) to the first element that names no property, and offers the closest existing property there
 * (at most two edits, a swap of neighbours counting as one).
 *
 * <p>Stateless and thread-safe.
 */
final class PropertyNames {

    private PropertyNames() {
    }

    /** The full name meant by {@code name}, or {@code null} when nothing is close. */
    static @Nullable String closest(ConfigurationPropertyName name, List<UnknownProperties.Root> roots) {
        UnknownProperties.Root root = deepest(name, roots);
        if (root == null) {
            return null;
        }
        ConfigurationPropertyName prefix = ConfigurationPropertyName.of(root.prefix());
        ResolvableType type = ResolvableType.forClass(root.type());
        StringBuilder path = new StringBuilder(root.prefix());
        for (int i = prefix.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, Form.DASHED);
            ResolvableType container = containerValue(type);
            if (container != null) {
                path.append(name.isNumericIndex(i) ? "[" + element + "]" : "." + element);
                type = container;
                continue;
            }
            ResolvableType next = property(type, element);
            if (next == null) {
                String meant = nearest(element, properties(type));
                return meant == null ? null : path + "." + meant;
            }
            path.append('.').append(element);
            type = next;
        }
        return null;
    }

    private static UnknownProperties.@Nullable Root deepest(ConfigurationPropertyName name,
                                                            List<UnknownProperties.Root> roots) {
        UnknownProperties.Root best = null;
        for (UnknownProperties.Root root : roots) {
            ConfigurationPropertyName prefix = ConfigurationPropertyName.of(root.prefix());
            if (prefix.isAncestorOf(name) && (best == null || root.prefix().length() > best.prefix().length())) {
                best = root;
            }
        }
        return best;
    }

    /** The element type of a map or collection, whose next name element is a key or index. */
    private static @Nullable ResolvableType containerValue(ResolvableType type) {
        Class<?> raw = type.resolve(Object.class);
        if (Map.class.isAssignableFrom(raw)) {
            return type.asMap().getGeneric(1);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return type.asCollection().getGeneric(0);
        }
        return null;
    }

    private static @Nullable ResolvableType property(ResolvableType type, String dashed) {
        for (PropertyDescriptor pd : BeanUtils.getPropertyDescriptors(type.resolve(Object.class))) {
            if (pd.getReadMethod() != null && dashed(pd.getName()).equals(dashed)) {
                return ResolvableType.forMethodReturnType(pd.getReadMethod());
            }
        }
        return null;
    }

    private static List<String> properties(ResolvableType type) {
        List<String> names = new ArrayList<>();
        for (PropertyDescriptor pd : BeanUtils.getPropertyDescriptors(type.resolve(Object.class))) {
            if (pd.getReadMethod() != null && !pd.getName().equals("class")) {
                names.add(dashed(pd.getName()));
            }
        }
        return names;
    }

    private static String dashed(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    static @Nullable String nearest(String typed, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(typed, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.min(2, Math.max(1, typed.length() / 3)) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
