package io.shardkit.spring.boot.autoconfigure;

import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;

/**
 * A property source seen with other spellings of a shard's name renamed to the declared one:
 * {@code shardkit.shards.shard2.password} (from {@code SHARDKIT_SHARDS_SHARD2_PASSWORD}) reads as
 * {@code shardkit.shards.shard-2.password}. Binding every source through it gives the declared shard its properties
 * with the usual precedence, source by source, and no extra shard.
 *
 * <p>Immutable and thread-safe.
 */
final class RenamedShardSource implements IterableConfigurationPropertySource {

    static final ConfigurationPropertyName SHARDS = ConfigurationPropertyName.of(ShardkitProperties.PREFIX + ".shards");

    private final IterableConfigurationPropertySource source;
    /** Other spelling (as the source has it) to declared name. */
    private final Map<String, String> aliases;

    private RenamedShardSource(IterableConfigurationPropertySource source, Map<String, String> aliases) {
        this.source = source;
        this.aliases = aliases;
    }

    /** {@code source} with {@code aliases} renamed; a source that cannot list its names is left as it is. */
    static ConfigurationPropertySource of(ConfigurationPropertySource source, Map<String, String> aliases) {
        return source instanceof IterableConfigurationPropertySource iterable && !aliases.isEmpty()
                ? new RenamedShardSource(iterable, aliases) : source;
    }

    /** The shard key of a name under {@code shardkit.shards}, as the source spells it; {@code null} elsewhere. */
    static @Nullable String shardKey(ConfigurationPropertyName name) {
        return SHARDS.isAncestorOf(name) ? name.getElement(SHARDS.getNumberOfElements(), Form.ORIGINAL) : null;
    }

    @Override
    public Stream<ConfigurationPropertyName> stream() {
        return source.stream().map(this::renamed);
    }

    @Override
    public @Nullable ConfigurationProperty getConfigurationProperty(ConfigurationPropertyName name) {
        String key = shardKey(name);
        if (key != null && aliases.containsKey(key)) {
            return null;
        }
        ConfigurationProperty found = source.getConfigurationProperty(name);
        if (found != null || key == null) {
            return found;
        }
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (alias.getValue().equals(key)) {
                ConfigurationProperty other = source.getConfigurationProperty(rename(name, alias.getKey()));
                if (other != null) {
                    return new ConfigurationProperty(name, other.getValue(), other.getOrigin());
                }
            }
        }
        return null;
    }

    @Override
    public @Nullable Object getUnderlyingSource() {
        return source.getUnderlyingSource();
    }

    private ConfigurationPropertyName renamed(ConfigurationPropertyName name) {
        String key = shardKey(name);
        String declared = key == null ? null : aliases.get(key);
        return declared == null ? name : rename(name, declared);
    }

    private static ConfigurationPropertyName rename(ConfigurationPropertyName name, String key) {
        int depth = SHARDS.getNumberOfElements();
        ConfigurationPropertyName renamed = SHARDS.append(key.matches("[a-z0-9-]+") ? key : "[" + key + "]");
        return name.getNumberOfElements() > depth + 1 ? renamed.append(name.subName(depth + 1)) : renamed;
    }
}
