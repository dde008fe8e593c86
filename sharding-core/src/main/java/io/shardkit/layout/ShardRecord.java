package io.shardkit.layout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The identity one shard's database holds for a layout, parsed from its rows: whose database it is (shard name,
 * index, a random id of the database written when it was stamped), the layout's members as that database last
 * saw them, and the fingerprint of every rule that placed rows there.
 *
 * <p>Immutable and thread-safe.
 */
record ShardRecord(String shardName, int index, String databaseId, Map<String, Member> members,
                   Map<String, Mark> rules) {

    static final String SHARD_NAME = "shard.name";
    static final String SHARD_INDEX = "shard.index";
    static final String DATABASE_ID = "database.id";
    static final String MEMBER = "member.";
    static final String RULE = "rule.";
    static final String STAMPED = "stamped";
    static final String PENDING = "pending";

    /** A member of the layout: its index, and whether its own database has been stamped. */
    record Member(int index, boolean stamped) {
    }

    /** A rule's fingerprint as stored: its hash and its text. */
    record Mark(String hash, String text) {
    }

    /** The record in {@code rows} (all of one layout), or {@code null} when they hold no shard identity. */
    static @Nullable ShardRecord parse(List<LayoutTable.Row> rows) {
        String name = null;
        int index = -1;
        String databaseId = "";
        Map<String, Member> members = new LinkedHashMap<>();
        Map<String, Mark> rules = new LinkedHashMap<>();
        for (LayoutTable.Row row : rows) {
            String entry = row.entry();
            if (entry.equals(SHARD_NAME)) {
                name = row.value();
            } else if (entry.equals(SHARD_INDEX)) {
                index = parseIndex(row.value());
            } else if (entry.equals(DATABASE_ID)) {
                databaseId = row.value();
            } else if (entry.startsWith(MEMBER)) {
                members.put(entry.substring(MEMBER.length()),
                        new Member(parseIndex(row.value()), STAMPED.equals(row.detail())));
            } else if (entry.startsWith(RULE)) {
                rules.put(entry.substring(RULE.length()), new Mark(row.value(), row.detail()));
            }
        }
        return name == null ? null : new ShardRecord(name, index, databaseId, Map.copyOf(members), Map.copyOf(rules));
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException ex) {
            return -1;
        }
    }
}
