package io.shardkit.spring.boot.actuate;

import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code shardkit} actuator endpoint. {@code GET /actuator/shardkit} lists the shards, the rules (strategy,
 * shards, key type) and the default rule; {@code GET /actuator/shardkit?rule=orders&key=42} answers which shard
 * holds a key.
 *
 * <p>A key arrives as text and is converted to the rule's key type ({@code shardkit.rules.<name>.key-type}), or
 * to the {@code type} parameter's ({@code long}, {@code integer}, {@code string}, {@code uuid}, {@code decimal},
 * {@code local-date}, {@code instant}) when the rule declares none. The type matters: {@code "42"} and
 * {@code 42L} hash differently. {@code rule} may be left out to ask the default rule. Bad input answers 400 with
 * the reason.
 *
 * <p>Thread-safe: it only reads immutable state.
 */
@Endpoint(id = "shardkit")
public class ShardkitEndpoint {

    private final ShardRegistry registry;
    private final ShardingRules rules;
    private final Map<String, String> keyTypes;
    private final Function<String, @Nullable Function<String, Object>> parsers;

    /**
     * @param registry the shards
     * @param rules    the rules
     * @param keyTypes each rule's configured key type name (e.g. {@code long}), where it has one
     * @param parsers  the text parser of a key type name, or {@code null} for an unknown name
     */
    public ShardkitEndpoint(ShardRegistry registry, ShardingRules rules, Map<String, String> keyTypes,
                            Function<String, @Nullable Function<String, Object>> parsers) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.keyTypes = Map.copyOf(keyTypes);
        this.parsers = Objects.requireNonNull(parsers, "parsers");
    }

    /**
     * Without {@code key}: the description of every shard and rule. With {@code key}: where it lives under
     * {@code rule} (the default rule when {@code rule} is absent).
     */
    @ReadOperation
    public Object shardkit(@Nullable String rule, @Nullable String key, @Nullable String type) {
        if (key == null) {
            return describe();
        }
        try {
            ShardingRule target = rules.ruleOrDefault(rule == null ? "" : rule);
            String typeName = type != null ? type : keyTypes.get(target.name());
            if (typeName == null) {
                throw new InvalidEndpointRequestException("rule '" + target.name() + "' declares no key-type; "
                        + "pass type=long|integer|string|uuid|decimal|local-date|instant", "missing key type");
            }
            Object value = parse(typeName, key);
            Shard shard = target.shardOf(value);
            return new Routing(target.name(), key, typeName, shard.name(), shard.index());
        } catch (ShardingException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
        }
    }

    private Object parse(String typeName, String key) {
        Function<String, Object> parser = parsers.apply(typeName.toLowerCase(Locale.ROOT));
        if (parser == null) {
            throw new InvalidEndpointRequestException("unknown key type [" + typeName + "]; use long, integer, "
                    + "string, uuid, decimal, local-date or instant", "unknown key type");
        }
        try {
            return parser.apply(key);
        } catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(Objects.toString(ex.getMessage(), "key [" + key + "] is not valid"), "bad key");
        }
    }

    private Description describe() {
        List<ShardDescription> shards = new ArrayList<>();
        for (Shard shard : registry.shards()) {
            shards.add(new ShardDescription(shard.name(), shard.index(), location(shard)));
        }
        List<RuleDescription> ruleList = new ArrayList<>();
        for (ShardingRule rule : rules.all()) {
            ruleList.add(new RuleDescription(rule.name(), rule.strategy().describe(),
                    rule.shards().stream().map(Shard::name).toList(), keyTypes.get(rule.name())));
        }
        return new Description(shards, ruleList, rules.defaultRule().map(ShardingRule::name).orElse(null));
    }

    /** The JDBC url of a HikariCP shard (never credentials), else the DataSource's type. */
    private static String location(Shard shard) {
        return shard.rawDataSource() instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                ? hikari.getJdbcUrl() : shard.rawDataSource().getClass().getName();
    }

    /** Every shard and rule, and the default rule. */
    public record Description(List<ShardDescription> shards, List<RuleDescription> rules,
                              @Nullable String defaultRule) {
    }

    /** A shard: name, index and where it is (a JDBC url, or the DataSource type). */
    public record ShardDescription(String name, int index, String location) {
    }

    /** A rule: its strategy as it describes itself, its shards in slot order, its key type if configured. */
    public record RuleDescription(String name, String strategy, List<String> shards, @Nullable String keyType) {
    }

    /** Where a key lives. */
    public record Routing(String rule, String key, String keyType, String shard, int shardIndex) {
    }
}
