package io.shardkit.layout;

import java.util.Map;

/**
 * The fence's settings as a check needs them.
 *
 * @param layout      the layout name
 * @param table       the identity table
 * @param createTable whether a missing table is created
 * @param accepted    rule name to the fingerprint hash whose change is accepted
 */
record LayoutSettings(String layout, LayoutTable table, boolean createTable, Map<String, String> accepted) {
}
