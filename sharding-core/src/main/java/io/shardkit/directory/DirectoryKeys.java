package io.shardkit.directory;

import io.shardkit.InvalidShardKeyException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The directory's canonical key forms. A key is normalised to {@code Long} (any integral type, so {@code 42}
 * and {@code 42L} are one key, as under the hash strategy), {@code String} or {@code UUID}; it is stored as a
 * type tag ({@code long}, {@code string}, {@code uuid}) plus its text ({@code Long.toString}, the string
 * itself, the lower-case UUID form). The stored form is a persisted contract: rows already written are found
 * through it.
 *
 * <p>Stateless and thread-safe.
 */
final class DirectoryKeys {

    static final int MAX_STRING_LENGTH = 255;
    static final String SUPPORTED = "a non-null Long, Integer, Short, Byte, UUID or String of at most "
            + MAX_STRING_LENGTH + " characters";

    static final String LONG = "long";
    static final String STRING = "string";
    static final String UUID_TYPE = "uuid";

    private DirectoryKeys() {
    }

    /** The canonical key: the cache key and what the placement policy sees. */
    static Object normalize(String rule, @Nullable Object key) {
        if (key instanceof Long || key instanceof UUID) {
            return key;
        }
        if (key instanceof String s) {
            if (s.length() > MAX_STRING_LENGTH) {
                throw InvalidShardKeyException.unsupported(rule, key, SUPPORTED);
            }
            return s;
        }
        if (key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return ((Number) key).longValue();
        }
        throw InvalidShardKeyException.unsupported(rule, key, SUPPORTED);
    }

    /** The type tag of a canonical key. */
    static String type(Object canonical) {
        if (canonical instanceof Long) {
            return LONG;
        }
        return canonical instanceof String ? STRING : UUID_TYPE;
    }

    /** The stored text of a canonical key. */
    static String text(Object canonical) {
        return canonical.toString();
    }
}
