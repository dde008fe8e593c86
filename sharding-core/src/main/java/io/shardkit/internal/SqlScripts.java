package io.shardkit.internal;

import io.shardkit.ShardingConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the DDL scripts shardkit ships as class path resources into statements for
 * {@link java.sql.Statement#execute(String)}: {@code --} comment lines dropped, split on {@code ;}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlScripts {

    private SqlScripts() {
    }

    /** The statements of {@code resource}, after replacing the shipped table name {@code from} by {@code to}. */
    public static List<String> statements(String resource, String from, String to) {
        String script = stripComments(read(resource)).replace(from, to);
        List<String> statements = new ArrayList<>();
        for (String part : script.split(";")) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ShardingConfigurationException("DDL resource " + resource + " is missing from the class"
                        + " path; is sharding-core's jar complete?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + resource, ex);
        }
    }

    private static String stripComments(String script) {
        StringBuilder out = new StringBuilder(script.length());
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
