package io.shardkit.spring.boot.autoconfigure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Java type of a rule's keys, as named by {@code shardkit.rules.<name>.key-type}, and how a key written as
 * text (a range bound in YAML, a key in an actuator query) becomes that type.
 *
 * <p>The type matters: the hash of {@code "42"} and of {@code 42L} differ, so a key must be read as the type the
 * application routes with. Immutable and thread-safe.
 */
public enum ShardKeyType {
    /** {@code java.lang.Long}, from decimal text ({@code 42}). */
    LONG(Long.class, Long::valueOf),
    /** {@code java.lang.Integer}, from decimal text. Hashes like the same value as a long. */
    INTEGER(Integer.class, Integer::valueOf),
    /** {@code java.lang.String}, the text as is. */
    STRING(String.class, Function.identity()),
    /** {@code java.util.UUID}, from its canonical text form. */
    UUID(UUID.class, java.util.UUID::fromString),
    /** {@code java.math.BigDecimal}, from decimal text ({@code 12.50}). */
    DECIMAL(BigDecimal.class, BigDecimal::new),
    /** {@code java.time.LocalDate}, from ISO-8601 text ({@code 2025-01-31}). */
    LOCAL_DATE(LocalDate.class, LocalDate::parse),
    /** {@code java.time.Instant}, from ISO-8601 text ({@code 2025-01-31T10:15:30Z}). */
    INSTANT(Instant.class, Instant::parse);

    private final Class<?> javaType;
    private final Function<String, ?> parser;

    ShardKeyType(Class<?> javaType, Function<String, ?> parser) {
        this.javaType = javaType;
        this.parser = parser;
    }

    /** The Java type keys of this kind have. */
    public Class<?> javaType() {
        return javaType;
    }

    /**
     * Reads {@code text} as a key of this type.
     *
     * @throws IllegalArgumentException (or a subclass such as {@link NumberFormatException}) when it is not one
     */
    public Object parse(String text) {
        try {
            return parser.apply(text.strip());
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("[" + text + "] is not a " + javaType.getSimpleName() + " ("
                    + name().toLowerCase(Locale.ROOT).replace('_', '-') + ")", ex);
        }
    }
}
