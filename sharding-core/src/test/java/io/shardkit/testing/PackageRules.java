package io.shardkit.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build checks on a module's compiled classes: the package dependency graph (read from each class file's
 * constant pool, so it sees every type a class uses, not only its imports), its cycles, and the public API
 * signatures that expose a type of an {@code internal} package, and the public API compared with the baseline
 * the module commits. Used by each module's {@code PackageRulesTest}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PackageRules {

    private static final Pattern SHARDKIT_TYPE = Pattern.compile("io/shardkit/((?:[a-z0-9_]+/)*)[A-Za-z0-9_$]+");

    private PackageRules() {
    }

    /** Package to the other {@code io.shardkit} packages its classes use, for every class under {@code classes}. */
    public static Map<String, Set<String>> dependencies(Path classes) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path file : classFiles(classes)) {
            String pkg = packageOf(classes.relativize(file).toString().replace('\\', '/'));
            Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
            for (String constant : utf8Constants(file)) {
                Matcher m = SHARDKIT_TYPE.matcher(constant);
                while (m.find()) {
                    String used = ("io/shardkit/" + m.group(1)).replaceAll("/$", "").replace('/', '.');
                    if (!used.equals(pkg)) {
                        uses.add(used);
                    }
                }
            }
        }
        return graph;
    }

    /** The package cycles of {@code graph} (strongly connected groups of more than one package), sorted. */
    public static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Tarjan(graph).run();
    }

    /**
     * Public or protected members (and supertypes) of public types outside {@code internal} packages whose
     * signatures name a type of an {@code internal} package, as {@code Type.member: internal type}.
     */
    public static List<String> internalExposures(Path classes, ClassLoader loader) {
        List<String> found = new ArrayList<>();
        for (Class<?> type : typesOutsideInternal(classes, loader)) {
            if (Modifier.isPublic(type.getModifiers())) {
                exposures(type, found);
            }
        }
        return found;
    }

    /** The system property that rewrites a module's API baseline instead of comparing with it. */
    public static final String UPDATE_API = "updateApiBaseline";

    /**
     * The module's public contract as text: one line per public type outside {@code internal} packages (its
     * modifiers, type parameters and supertypes), followed by its public and protected constructors, methods and
     * fields, each as {@link Method#toGenericString()} prints it. Types and members are sorted, so the text
     * changes exactly when a signature does.
     */
    public static List<String> apiSignatures(Path classes, ClassLoader loader) {
        Map<String, List<String>> byType = new TreeMap<>();
        for (Class<?> type : typesOutsideInternal(classes, loader)) {
            if (!reachable(type) || type.isSynthetic() || type.isAnonymousClass()) {
                continue;
            }
            Set<String> members = new TreeSet<>();
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && !c.isSynthetic()) {
                    members.add("  " + c.toGenericString());
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    members.add("  " + m.toGenericString());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    members.add("  " + f.toGenericString());
                }
            }
            List<String> lines = new ArrayList<>();
            lines.add(header(type));
            lines.addAll(members);
            byType.put(type.getName(), lines);
        }
        List<String> all = new ArrayList<>();
        byType.values().forEach(all::addAll);
        return all;
    }

    /**
     * Compares the module's {@linkplain #apiSignatures API} with the baseline committed at {@code baseline};
     * with {@code -DupdateApiBaseline=true} (not a shardkit.* name: applications in the tests would refuse it) writes the current API there instead. A difference fails naming
     * the lines removed and added, so a change of the public contract is always a reviewed change of that file.
     */
    public static void checkApiBaseline(Path classes, ClassLoader loader, Path baseline) {
        List<String> now = apiSignatures(classes, loader);
        try {
            if (Boolean.getBoolean(UPDATE_API)) {
                Files.createDirectories(baseline.toAbsolutePath().getParent());
                Files.write(baseline, now);
                return;
            }
            if (!Files.exists(baseline)) {
                throw new AssertionError("no API baseline at " + baseline + "; write it with -D" + UPDATE_API
                        + "=true and commit it");
            }
            List<String> before = Files.readAllLines(baseline);
            if (!before.equals(now)) {
                Set<String> removed = new TreeSet<>(before);
                now.forEach(removed::remove);
                Set<String> added = new TreeSet<>(now);
                before.forEach(added::remove);
                StringBuilder message = new StringBuilder("the public API differs from its baseline " + baseline);
                removed.forEach(line -> message.append("\n- ").append(line.strip()));
                added.forEach(line -> message.append("\n+ ").append(line.strip()));
                message.append("\nIf the change is meant, rerun with -D").append(UPDATE_API)
                        .append("=true and commit the baseline with it.");
                throw new AssertionError(message.toString());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every compiled type under {@code classes} outside {@code internal} packages, package-info and module-info. */
    private static List<Class<?>> typesOutsideInternal(Path classes, ClassLoader loader) {
        List<Class<?>> types = new ArrayList<>();
        for (Path file : classFiles(classes)) {
            String name = classes.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "")
                    .replace('/', '.');
            if (!name.contains(".internal.") && !name.endsWith("package-info") && !name.endsWith("module-info")) {
                types.add(load(name, loader));
            }
        }
        return types;
    }

    /** A type code outside its package can name: public, and every enclosing type public too. */
    private static boolean reachable(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String header(Class<?> type) {
        StringBuilder line = new StringBuilder(type.toGenericString());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            line.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0 && !type.isAnnotation()) {
            line.append(type.isInterface() ? " extends " : " implements ");
            for (int i = 0; i < interfaces.length; i++) {
                line.append(i == 0 ? "" : ", ").append(interfaces[i].getTypeName());
            }
        }
        return line.toString();
    }

    private static void exposures(Class<?> type, List<String> found) {
        check(type.getName() + " extends", type.getGenericSuperclass(), found);
        for (Type i : type.getGenericInterfaces()) {
            check(type.getName() + " implements", i, found);
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic()) {
                check(type.getName() + "." + m.getName(), m.getGenericReturnType(), found);
                for (Type p : m.getGenericParameterTypes()) {
                    check(type.getName() + "." + m.getName(), p, found);
                }
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers())) {
                for (Type p : c.getGenericParameterTypes()) {
                    check(type.getName() + ".<init>", p, found);
                }
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                check(type.getName() + "." + f.getName(), f.getGenericType(), found);
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type type, List<String> found) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.getName().startsWith("io.shardkit.") && element.getName().contains(".internal.")) {
                found.add(where + ": " + element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), found);
            for (Type argument : p.getActualTypeArguments()) {
                check(where, argument, found);
            }
        } else if (type instanceof GenericArrayType a) {
            check(where, a.getGenericComponentType(), found);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                check(where, bound, found);
            }
            for (Type bound : w.getLowerBounds()) {
                check(where, bound, found);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                if (bound instanceof Class<?>) {
                    check(where, bound, found);
                }
            }
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException ex) {
            throw new IllegalStateException("compiled class " + name + " is not on the class path", ex);
        }
    }

    private static List<Path> classFiles(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String packageOf(String classFile) {
        int slash = classFile.lastIndexOf('/');
        return slash < 0 ? "" : classFile.substring(0, slash).replace('/', '.');
    }

    /** Every CONSTANT_Utf8 of a class file: class names, descriptors and signatures among them. */
    private static List<String> utf8Constants(Path file) {
        List<String> strings = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(in.readUTF());
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    default -> throw new IllegalStateException(file + ": unknown constant pool tag " + tag);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return strings;
    }

    /** Tarjan's strongly connected components. */
    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> cycles = new ArrayList<>();
        private int next;

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<Set<String>> run() {
            for (String node : graph.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            cycles.sort((a, b) -> a.toString().compareTo(b.toString()));
            return cycles;
        }

        private void visit(String node) {
            index.put(node, next);
            low.put(node, next++);
            stack.push(node);
            onStack.add(node);
            for (String used : graph.getOrDefault(node, Set.of())) {
                if (!index.containsKey(used)) {
                    visit(used);
                    low.put(node, Math.min(low.get(node), low.get(used)));
                } else if (onStack.contains(used)) {
                    low.put(node, Math.min(low.get(node), index.get(used)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    cycles.add(component);
                }
            }
        }
    }
}
