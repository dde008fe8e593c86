package io.shardkit.layout;

import java.util.Objects;

/**
 * One way a shard's database disagrees with the layout: which shard, what kind of disagreement, what was expected
 * and what was found, and what to do.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shard    the shard whose database failed the check
 * @param kind     what is wrong
 * @param rule     the rule concerned ({@link Kind#RULE_CHANGED}), else empty
 * @param expected what the layout says, in words
 * @param found    what the database holds, in words
 * @param action   what to do about it
 * @param value    the datum a fix needs: the other shard ({@code OTHER_SHARDS_DATABASE}, {@code SWAPPED},
 *                 {@code SHARED_DATABASE}), the index the shard was stamped with ({@code INDEX_CHANGED}), the rule's
 *                 new fingerprint hash ({@code RULE_CHANGED}), the other layout ({@code FOREIGN_IDENTITY}); else empty
 */
public record LayoutProblem(String shard, Kind kind, String rule, String expected, String found, String action,
                            String value) {

    public LayoutProblem {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(value, "value");
    }

    /** What can be wrong with a shard's database. */
    public enum Kind {
        /** The database holds the identity of another shard of this layout: the url points at its database. */
        OTHER_SHARDS_DATABASE,
        /** Two shards hold each other's identity: their urls are swapped. */
        SWAPPED,
        /** The url reaches the same database as another shard's. */
        SHARED_DATABASE,
        /** The layout says this shard was stamped, but its database holds no identity. */
        MISSING_IDENTITY,
        /** The database holds the identity of another layout. */
        FOREIGN_IDENTITY,
        /** The shard was stamped at another index: the order of the shards changed. */
        INDEX_CHANGED,
        /** A rule that placed rows on the shard maps keys differently now. */
        RULE_CHANGED,
        /** The identity table does not exist and the fence may not create it. */
        TABLE_MISSING
    }

    /** One line: the shard, what was expected and what was found. */
    public String describe() {
        return "Shard '" + shard + "'" + (rule.isEmpty() ? "" : ", rule '" + rule + "'") + ": expected " + expected
                + "; found " + found;
    }
}
