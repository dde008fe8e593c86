package io.shardkit.layout;

import io.shardkit.ShardingConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link LayoutFence}: the layout's name, the identity table, whether the fence may create it, and the rule
 * changes accepted on purpose. Each setter checks its value at once. Start it with {@link LayoutFence#custom()}.
 *
 * <p>Not thread-safe; the fence it builds is.
 */
public final class LayoutFenceBuilder {

    private String layoutName = LayoutFence.DEFAULT_LAYOUT_NAME;
    private String tableName = LayoutFence.DEFAULT_TABLE;
    private boolean createTable = LayoutFence.DEFAULT_CREATE_TABLE;
    private final Map<String, String> accepted = new LinkedHashMap<>();

    LayoutFenceBuilder() {
    }

    /**
     * The layout's name, stored with every identity; default {@value LayoutFence#DEFAULT_LAYOUT_NAME}. A database
     * holding another layout's identity fails the check. 1 to 64 characters.
     */
    public LayoutFenceBuilder layoutName(String layoutName) {
        Objects.requireNonNull(layoutName, "layoutName");
        if (layoutName.isBlank() || layoutName.length() > 64) {
            throw new ShardingConfigurationException("layoutName must be 1 to 64 characters but was ["
                    + layoutName + "]");
        }
        this.layoutName = layoutName;
        return this;
    }

    /** The identity table, optionally schema-qualified; default {@value LayoutFence#DEFAULT_TABLE}. */
    public LayoutFenceBuilder tableName(String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        LayoutDialect.requireTableName(tableName);
        this.tableName = tableName;
        return this;
    }

    /**
     * Whether a missing identity table is created with the shipped DDL ({@link LayoutDialect}); default
     * {@code true}. Off, a missing table fails the check: create it in your migrations.
     */
    public LayoutFenceBuilder createTable(boolean createTable) {
        this.createTable = createTable;
        return this;
    }

    /**
     * Accepts that rule {@code rule} changed on purpose to the mapping whose fingerprint hash is {@code hash}
     * (as the failure printed it): the shards record the new fingerprint instead of failing. Only for a change
     * whose rows have been moved to where the new mapping puts them; harmless to leave once recorded.
     */
    public LayoutFenceBuilder acceptRuleChange(String rule, String hash) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(hash, "hash");
        if (!hash.matches("[0-9a-f]{16}")) {
            throw new ShardingConfigurationException("the accepted fingerprint of rule '" + rule + "' must be "
                    + "16 lower-case hex digits, as the layout check printed it, but was [" + hash + "]");
        }
        accepted.put(rule, hash);
        return this;
    }

    public LayoutFence build() {
        return new LayoutFence(new LayoutSettings(layoutName, new LayoutTable(tableName), createTable,
                Map.copyOf(accepted)));
    }
}
