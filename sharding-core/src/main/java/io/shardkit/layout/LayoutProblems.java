package io.shardkit.layout;

import io.shardkit.Shard;
import io.shardkit.layout.LayoutProblem.Kind;
import java.util.List;

/**
 * The wording of every {@link LayoutProblem}: one factory per kind, so that messages and actions live in one
 * place.
 *
 * <p>Stateless and thread-safe.
 */
final class LayoutProblems {

    private final String layout;
    private final String table;

    LayoutProblems(String layout, String table) {
        this.layout = layout;
        this.table = table;
    }

    LayoutProblem otherShardsDatabase(Shard shard, ShardRecord found) {
        return new LayoutProblem(shard.name(), Kind.OTHER_SHARDS_DATABASE, "", identity(shard),
                "the identity of shard '" + found.shardName() + "' (index " + found.index() + "): its url reaches "
                        + "the database of shard '" + found.shardName() + "'",
                "point shard '" + shard.name() + "' at its own database; its url now reaches the database of shard '"
                        + found.shardName() + "'", found.shardName());
    }

    LayoutProblem swapped(Shard shard, ShardRecord found) {
        return new LayoutProblem(shard.name(), Kind.SWAPPED, "", identity(shard),
                "the identity of shard '" + found.shardName() + "', whose url in turn reaches the database of shard '"
                        + shard.name() + "': the two urls are swapped",
                "swap the urls of shards '" + shard.name() + "' and '" + found.shardName() + "' back",
                found.shardName());
    }

    LayoutProblem sharedDatabase(Shard shard, ShardRecord found) {
        return new LayoutProblem(shard.name(), Kind.SHARED_DATABASE, "", identity(shard),
                "the identity of shard '" + found.shardName() + "' (database id " + found.databaseId() + "): its url "
                        + "reaches the same database as shard '" + found.shardName() + "' (or a copy of it)",
                "give shard '" + shard.name() + "' a database of its own: two shards on one database would mix their "
                        + "rows", found.shardName());
    }

    LayoutProblem missingIdentity(Shard shard, List<String> witnesses) {
        return new LayoutProblem(shard.name(), Kind.MISSING_IDENTITY, "", identity(shard) + ", which the records on "
                + "shards " + witnesses + " say was stamped",
                "no identity of layout '" + layout + "' in table " + table + ": a new, emptied or different database",
                "point the url of shard '" + shard.name() + "' at its database; if that database was replaced on "
                        + "purpose, copy the rows of table " + table + " over from the old one", "");
    }

    LayoutProblem foreignIdentity(Shard shard, String foreign, String otherLayout) {
        return new LayoutProblem(shard.name(), Kind.FOREIGN_IDENTITY, "", identity(shard), foreign,
                "point the url of shard '" + shard.name() + "' at a database of layout '" + layout + "'; if this "
                        + "application shares the database with layout '" + otherLayout + "' on purpose, give "
                        + "it an identity table of its own", otherLayout);
    }

    LayoutProblem indexChanged(Shard shard, ShardRecord found) {
        return new LayoutProblem(shard.name(), Kind.INDEX_CHANGED, "", "index " + shard.index() + " (as configured)",
                "index " + found.index() + ", the index its rows were written under",
                "give shard '" + shard.name() + "' index " + found.index() + " again: an index is the shard's slot "
                        + "in every rule over all shards, and changing it remaps keys",
                Integer.toString(found.index()));
    }

    LayoutProblem ruleChanged(Shard shard, RuleFingerprint now, ShardRecord.Mark stored, String accepted) {
        String stale = accepted.isEmpty() ? "" : " (the accepted fingerprint " + accepted + " is not the rule's "
                + "current one)";
        return new LayoutProblem(shard.name(), Kind.RULE_CHANGED, now.rule(), now.text() + " (fingerprint "
                + now.hash() + "), the rule as configured now",
                stored.text() + " (fingerprint " + stored.hash() + "), the mapping its rows were written with",
                "revert rule '" + now.rule() + "'; if the change is on purpose and its rows have been moved to where "
                        + "the new mapping puts them, accept fingerprint " + now.hash() + " for rule '" + now.rule()
                        + "'" + stale, now.hash());
    }

    LayoutProblem tableMissing(Shard shard) {
        return new LayoutProblem(shard.name(), Kind.TABLE_MISSING, "", "table " + table + " holding the layout "
                + "identity", "no such table, and the fence may not create it",
                "create it with the shipped DDL (io/shardkit/layout/schema-h2.sql, -postgresql.sql, -mariadb.sql) in "
                        + "your migrations, or let the fence create it", "");
    }

    private String identity(Shard shard) {
        return "the identity of shard '" + shard.name() + "' (index " + shard.index() + ") of layout '" + layout
                + "'";
    }
}
