package io.shardkit.outbox;

import io.shardkit.ShardingConfigurationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks outbox table names, which are spliced into SQL and so must be plain identifiers. Thread-safe. */
final class OutboxTables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private OutboxTables() {
    }

    static String checkName(String table) {
        Objects.requireNonNull(table, "table");
        if (!NAME.matcher(table).matches()) {
            throw new ShardingConfigurationException("outbox table name [" + table + "] must be an identifier, "
                    + "optionally schema-qualified (letters, digits, '_'; e.g. outbox or app.outbox)");
        }
        return table;
    }
}
