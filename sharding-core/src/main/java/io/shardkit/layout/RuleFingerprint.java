package io.shardkit.layout;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a rule's mapping is made of, as the layout fence stores it on every shard the rule places rows on: the
 * strategy's {@link io.shardkit.ShardingStrategy#fingerprint()} and the rule's shards in slot order, as
 * text, and a short hash of that text (16 hex digits of SHA-256) to name it, e.g. in
 * {@link LayoutFenceBuilder#acceptRuleChange}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the rule's name
 * @param hash 16 lower-case hex digits of the SHA-256 of {@code text}
 * @param text the canonical description the hash is taken of
 */
public record RuleFingerprint(String rule, String hash, String text) {

    public RuleFingerprint {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(text, "text");
    }

    /** The fingerprint of {@code rule} as configured now. */
    public static RuleFingerprint of(ShardingRule rule) {
        Objects.requireNonNull(rule, "rule");
        String text = rule.strategy().fingerprint() + " over " + rule.shards().stream().map(Shard::name).toList();
        return new RuleFingerprint(rule.name(), hash(text), text);
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
