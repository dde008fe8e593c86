package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * A shard key the rule cannot take: {@code null}, of a type the strategy does not map, outside every range
 * ({@link KeyOutOfRangeException}) or a malformed id ({@code io.shardkit.id.InvalidIdException}). Catching this
 * type catches every refusal of a key. {@link #getSource()} names where the key came from (an annotated method
 * and its key expression) once the caller has added it with {@link #from(String)}.
 *
 * <p>Messages are built here and in the subclasses, from data:
 * {@code Rule 'orders': key [java.lang.Double 4.2] (from OrderRepository.find(Object) key [#p0]) is not a valid
 * shard key; expected a non-null Long, Integer, Short, Byte, String or UUID}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidShardKeyException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String problem;
    private final String expected;
    private final @Nullable String source;

    /**
     * For subclasses: the message is {@code Rule '<rule>': <subject> (from <source>) <problem>}, each part
     * built by the subclass's own factories.
     *
     * @param subject  what was refused, e.g. {@code key [java.lang.Long 42]} or {@code id [42]}
     * @param problem  why, e.g. {@code falls in no range; ranges are [0..9000)}
     * @param expected what the rule takes, for {@link #getExpected()}
     * @param source   where the key came from, or {@code null} when not known
     * @param cause    the refusal this one adds the source to, or {@code null}
     */
    protected InvalidShardKeyException(@Nullable String rule, @Nullable Object key, String subject, String problem,
                                       String expected, @Nullable String source, @Nullable Throwable cause) {
        super(message(rule, subject, problem, source), rule, key, null, cause);
        this.subject = subject;
        this.problem = problem;
        this.expected = expected;
        this.source = source;
    }

    /**
     * A key of a type (or a {@code null}) that the rule's strategy does not map.
     *
     * @param expected what the rule takes, e.g. {@code "a non-null Long, Integer, String or UUID"}
     */
    public static InvalidShardKeyException unsupported(String rule, @Nullable Object key, String expected) {
        return of(rule, key, expected, null);
    }

    /**
     * A key refused before it reached the rule, e.g. a {@code null} key or key collection read from a method's
     * arguments.
     *
     * @param source where the key came from, e.g. {@code OrderRepository.find(Long) key [#p0]}, or {@code null}
     */
    public static InvalidShardKeyException of(String rule, @Nullable Object key, String expected,
                                              @Nullable String source) {
        return new InvalidShardKeyException(rule, key, "key " + describeKey(key),
                "is not a valid shard key; expected " + expected, expected, source, null);
    }

    /**
     * This refusal, of the same type, with where the key came from added to its message; this one becomes the
     * cause. Subclasses override it to keep their type.
     */
    public InvalidShardKeyException from(String source) {
        return new InvalidShardKeyException(getRule(), getKey(), subject, problem, expected, source, this);
    }

    /** What the rule takes, e.g. {@code "a non-null Long, Integer, String or UUID"}. */
    public String getExpected() {
        return expected;
    }

    /** Where the key came from (an annotated method and its key expression), or {@code null} when not known. */
    public @Nullable String getSource() {
        return source;
    }

    /** For subclasses' {@link #from(String)}: the parts this message was built from. */
    protected final String subject() {
        return subject;
    }

    /** For subclasses' {@link #from(String)}. */
    protected final String problem() {
        return problem;
    }

    private static String message(@Nullable String rule, String subject, String problem, @Nullable String source) {
        return (rule == null ? "" : "Rule '" + rule + "': ") + subject
                + (source == null ? "" : " (from " + source + ")") + " " + problem;
    }
}
