package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;

/**
 * The shards as declared, whatever the property sources: entries of {@code shardkit.shards} that differ only in
 * case and punctuation are one shard (environment variables cannot spell '-' in a map key, so
 * {@code SHARDKIT_SHARDS_SHARD2_PASSWORD} sets the password of {@code shard-2}), an entry that is no declared
 * shard's and has no url fails naming where it came from, and every shard has its index as written, never as the
 * binder happened to order the map. Read from the raw property names and origins of Spring Boot's
 * {@link ConfigurationPropertySource}s.
 *
 * <p>Stateless and thread-safe.
 */
final class ShardDeclarations {

    private ShardDeclarations() {
    }

    /** One shard: from properties, or a DataSource of the application's. */
    record Declared(String name, @Nullable Integer index, @Nullable ShardProperties properties,
                    @Nullable DataSource own) {
    }

    /**
     * @param sources the application's property sources, in precedence order; empty when binding happened elsewhere
     * @return every shard, the configured ones first in the order bound, then the application's own
     */
    static List<Declared> resolve(ShardkitProperties properties, Iterable<ConfigurationPropertySource> sources,
                                  ShardDataSources own) {
        Map<String, ShardProperties> shards = merged(properties.getShards(), sources);
        if (shards.isEmpty() && own.asMap().isEmpty()) {
            throw ConfigPath.SHARDKIT.child("shards").fail("no shards are configured; declare at least one under "
                    + "shardkit.shards.<name> (or in a ShardDataSources bean)");
        }
        List<Declared> declared = new ArrayList<>();
        shards.forEach((name, shard) -> {
            if (own.asMap().containsKey(name)) {
                throw ConfigPath.shard(name).fail("shard '" + name + "' is also declared by the ShardDataSources "
                        + "bean; a shard name may be used once");
            }
            if (shard.getUrl() == null || shard.getUrl().isBlank()) {
                throw noUrl(name, shards.keySet(), sources);
            }
            declared.add(new Declared(name, shard.getIndex(), shard, null));
        });
        own.asMap().forEach((name, dataSource) -> declared.add(new Declared(name, own.indexOf(name), null,
                dataSource)));
        requireIndexes(declared);
        return declared;
    }

    /** Entries with another spelling of a declared shard's name merged into it, rebinding with precedence. */
    private static Map<String, ShardProperties> merged(Map<String, ShardProperties> bound,
                                                       Iterable<ConfigurationPropertySource> sources) {
        Map<String, String> aliases = aliases(bound.keySet());
        if (aliases.isEmpty()) {
            return bound;
        }
        List<ConfigurationPropertySource> renamed = new ArrayList<>();
        sources.forEach(source -> renamed.add(RenamedShardSource.of(source, aliases)));
        Map<String, ShardProperties> rebound = new Binder(renamed).bind(RenamedShardSource.SHARDS,
                Bindable.mapOf(String.class, ShardProperties.class)).orElseGet(LinkedHashMap::new);
        // Without the raw sources (a bound object handed in) the other spellings cannot be merged: drop them.
        aliases.keySet().forEach(rebound::remove);
        return rebound;
    }

    /** Other spelling to declared name: within each group of one canonical name, the one spelt otherwise wins. */
    static Map<String, String> aliases(Iterable<String> names) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        names.forEach(name -> groups.computeIfAbsent(canonical(name), c -> new ArrayList<>()).add(name));
        Map<String, String> aliases = new LinkedHashMap<>();
        groups.forEach((canonical, group) -> {
            if (group.size() < 2) {
                return;
            }
            List<String> spelt = group.stream().filter(name -> !name.equals(canonical)).toList();
            if (spelt.size() != 1) {
                throw ConfigPath.SHARDKIT.child("shards").fail("shards " + spelt + " differ only in case or "
                        + "punctuation; environment variables and relaxed binding cannot tell them apart (all read as '"
                        + canonical + "'): rename all but one");
            }
            group.stream().filter(name -> !name.equals(spelt.get(0))).forEach(alias -> aliases.put(alias,
                    spelt.get(0)));
        });
        return aliases;
    }

    /** Lower case, letters and digits only: what an environment variable can say of a name. */
    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static ShardingConfigurationException noUrl(String name, Iterable<String> shards,
                                                        Iterable<ConfigurationPropertySource> sources) {
        List<String> origins = origins(name, sources);
        List<String> declared = new ArrayList<>();
        shards.forEach(s -> {
            if (!s.equals(name)) {
                declared.add(s);
            }
        });
        String from = origins.isEmpty() ? "" : " (set by " + String.join(", ", origins) + ")";
        return ConfigPath.shard(name).child("url").fail("is required: shard '" + name + "'" + from + " has no url "
                + "and is no other spelling of a declared shard " + declared,
                "Declare the shard with shardkit.shards." + name + ".url=jdbc:... (and its index), or set the "
                        + "property on a declared shard instead (an environment variable names shard 'shard-2' as "
                        + "SHARDKIT_SHARDS_SHARD2_...)", null);
    }

    /** Where the properties of shard entry {@code name} came from, e.g. an environment variable. */
    private static List<String> origins(String name, Iterable<ConfigurationPropertySource> sources) {
        List<String> origins = new ArrayList<>();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(n -> name.equals(RenamedShardSource.shardKey(n))).forEach(n -> {
                    ConfigurationProperty property = source.getConfigurationProperty(n);
                    origins.add(property == null || property.getOrigin() == null ? "'" + n + "'"
                            : String.valueOf(property.getOrigin()));
                });
            }
        }
        return origins;
    }

    /** With more than one shard, every shard needs its index: else fail with the lines that keep today's order. */
    private static void requireIndexes(List<Declared> declared) {
        if (declared.size() < 2 || declared.stream().allMatch(d -> d.index() != null)) {
            return;
        }
        List<String> missing = declared.stream().filter(d -> d.index() == null).map(Declared::name).toList();
        throw ConfigPath.shard(missing.get(0)).child("index").fail("is required: with " + declared.size()
                + " shards every shard needs its index (0.." + (declared.size() - 1) + ", its slot in every rule "
                + "over all shards); missing for " + missing, indexLines(declared), null);
    }

    /** The lines that give every shard the index it has in the order the configuration binds now. */
    static String indexLines(List<Declared> declared) {
        StringJoiner lines = new StringJoiner("\n");
        lines.add("Write the index of every shard. This is the order the configuration binds now, which keeps "
                + "the mapping of this start:");
        for (int i = 0; i < declared.size(); i++) {
            Declared d = declared.get(i);
            lines.add(d.properties() != null ? "    shardkit.shards." + d.name() + ".index=" + i
                    : "    ShardDataSources.builder().shard(\"" + d.name() + "\", " + i + ", dataSource)");
        }
        lines.add("Check it against where your data was written before you rely on it: the order shards were "
                + "bound in before may have been another (an override from the command line or the environment "
                + "moves a shard first).");
        return lines.toString();
    }
}
