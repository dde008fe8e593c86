package io.shardkit.spring.boot.autoconfigure;

import static io.shardkit.spring.boot.autoconfigure.ShardkitPropertiesValidationTest.outermostConfigurationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Slot order that cannot drift (an explicit index per shard, checked, with the lines to write) and relaxed shard
 * names (an environment variable sets a property of the declared shard, never a new one).
 */
class ShardIndexAndNamesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class));

    @Test
    void withMoreThanOneShardAMissingIndexFailsWithTheLinesToWrite() {
        run(Map.of(), shards(false, "shard-0", "shard-1"), failure -> {
            assertThat(failure.getProperty()).isEqualTo("shardkit.shards.shard-0.index");
            assertThat(failure).hasMessage("Invalid configuration at 'shardkit.shards.shard-0.index': is required: "
                    + "with 2 shards every shard needs its index (0..1, its slot in every rule over all shards); "
                    + "missing for [shard-0, shard-1]");
            assertThat(failure.getAction()).isEqualTo("Write the index of every shard. This is the order the "
                    + "configuration binds now, which keeps the mapping of this start:\n"
                    + "    shardkit.shards.shard-0.index=0\n"
                    + "    shardkit.shards.shard-1.index=1\n"
                    + "Check it against where your data was written before you rely on it: the order shards were "
                    + "bound in before may have been another (an override from the command line or the environment "
                    + "moves a shard first).");
        });
    }

    @Test
    void aDuplicateIndexFails() {
        Map<String, Object> shards = shards(true, "shard-0", "shard-1");
        shards.put("shardkit.shards.shard-1.index", "0");
        run(Map.of(), shards, failure -> assertThat(failure).hasMessage("Invalid configuration at "
                + "'shardkit.shards': shards 'shard-0' and 'shard-1' both have index 0; each index 0..1 must name "
                + "exactly one shard {shard-0=0, shard-1=0}"));
    }

    @Test
    void aGapInTheIndexesFails() {
        Map<String, Object> shards = shards(true, "shard-0", "shard-1");
        shards.put("shardkit.shards.shard-1.index", "2");
        run(Map.of(), shards, failure -> assertThat(failure).hasMessage("Invalid configuration at "
                + "'shardkit.shards': shard indexes must be 0..1 without gaps but no shard has index 1 "
                + "{shard-0=0, shard-1=2}"));
    }

    @Test
    void theIndexDecidesTheOrderNotTheBinding() {
        Map<String, Object> shards = shards(true, "shard-a", "shard-b");
        shards.put("shardkit.shards.shard-a.index", "1");
        shards.put("shardkit.shards.shard-b.index", "0");
        runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources()
                        .addLast(new MapPropertySource("application.yml", shards)))
                .run(context -> assertThat(context.getBean(ShardRegistry.class).names())
                        .containsExactly("shard-b", "shard-a"));
    }

    @Test
    void oneShardNeedsNoIndex() {
        runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources()
                        .addLast(new MapPropertySource("application.yml", shards(false, "only"))))
                .run(context -> assertThat(context.getBean(ShardRegistry.class).shard(0).name()).isEqualTo("only"));
    }

    @Test
    void anEnvironmentVariableSetsAPropertyOfTheDeclaredShardAndAddsNone() {
        Map<String, Object> env = Map.of("SHARDKIT_SHARDS_SHARD2_PASSWORD", "from-env",
                "SHARDKIT_SHARDS_SHARD2_POOL_MAXIMUMPOOLSIZE", "7");
        Map<String, Object> yaml = shards(true, "shard-0", "shard-1", "shard-2", "shard-3");
        yaml.put("shardkit.shards.shard-2.password", "from-yaml");
        yaml.put("shardkit.shards.shard-2.pool.maximum-pool-size", "3");
        yaml.put("shardkit.shards.shard-2.pool.minimum-idle", "0");
        withSources(env, yaml).run(context -> {
            assertThat(context).hasNotFailed();
            ShardRegistry registry = context.getBean(ShardRegistry.class);
            assertThat(registry.names()).containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
            HikariDataSource pool = (HikariDataSource) registry.shard("shard-2").rawDataSource();
            assertThat(pool.getPassword()).isEqualTo("from-env");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
            assertThat(pool.getMinimumIdle()).isZero();
        });
    }

    @Test
    void theLegacyUnderscoreFormOfAnEnvironmentVariableIsKnownToo() {
        Map<String, Object> env = Map.of("SHARDKIT_SHARDS_SHARD1_POOL_MAXIMUM_POOL_SIZE", "5");
        withSources(env, shards(true, "shard-0", "shard-1")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(((HikariDataSource) context.getBean(ShardRegistry.class).shard("shard-1").rawDataSource())
                    .getMaximumPoolSize()).isEqualTo(5);
        });
    }

    @Test
    void aMisspeltEnvironmentVariableIsUnknown() {
        run(Map.of("SHARDKIT_SHARDS_SHARD1_POOL_MAXIMUM_POOL_SISE", "5"), shards(true, "shard-0", "shard-1"),
                failure -> assertThat(failure).hasMessage("Invalid configuration at "
                        + "'shardkit.shards.shard1.pool.maximum.pool.sise': unknown property "
                        + "'shardkit.shards.shard1.pool.maximum.pool.sise' (from "
                        + "\"SHARDKIT_SHARDS_SHARD1_POOL_MAXIMUM_POOL_SISE\" from property source "
                        + "\"test-systemEnvironment\")"));
    }

    @Test
    void anEnvironmentVariableNamingNoDeclaredShardFailsSayingWhereItCameFrom() {
        run(Map.of("SHARDKIT_SHARDS_SHARD9_PASSWORD", "x"), shards(true, "shard-0", "shard-1"), failure -> {
            assertThat(failure.getProperty()).isEqualTo("shardkit.shards.shard9.url");
            assertThat(failure).hasMessage("Invalid configuration at 'shardkit.shards.shard9.url': is required: "
                    + "shard 'shard9' (set by \"SHARDKIT_SHARDS_SHARD9_PASSWORD\" from property source "
                    + "\"test-systemEnvironment\") has no url and is no other spelling of a declared shard "
                    + "[shard-0, shard-1]");
            assertThat(failure.getAction()).isEqualTo("Declare the shard with shardkit.shards.shard9.url=jdbc:... "
                    + "(and its index), or set the property on a declared shard instead (an environment variable "
                    + "names shard 'shard-2' as SHARDKIT_SHARDS_SHARD2_...)");
        });
    }

    @Test
    void twoDeclaredShardsThatOnlyPunctuationTellsApartAreRefused() {
        assertThatThrownBy(() -> ShardDeclarations.aliases(List.of("shard-2", "shard_2", "shard2")))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessage("Invalid configuration at 'shardkit.shards': shards [shard-2, shard_2] differ only in "
                        + "case or punctuation; environment variables and relaxed binding cannot tell them apart (all "
                        + "read as 'shard2'): rename all but one");
        assertThat(ShardDeclarations.aliases(List.of("shard-2", "shard2", "shard-3")))
                .isEqualTo(Map.of("shard2", "shard-2"));
    }

    /** {@code names} as H2 shards, indexed in the order given when {@code indexed}. */
    static Map<String, Object> shards(boolean indexed, String... names) {
        String run = UUID.randomUUID().toString();
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            String prefix = "shardkit.shards." + names[i] + ".";
            if (indexed) {
                properties.put(prefix + "index", Integer.toString(i));
            }
            properties.put(prefix + "url", "jdbc:h2:mem:names-" + run + "-" + i + ";DB_CLOSE_DELAY=-1");
            properties.put(prefix + "pool.maximum-pool-size", "2");
        }
        return properties;
    }

    /** An environment above a YAML-like source, as Spring Boot orders them. */
    private ApplicationContextRunner withSources(Map<String, Object> env, Map<String, Object> yaml) {
        return runner.withInitializer(ctx -> {
            ctx.getEnvironment().getPropertySources().addLast(new MapPropertySource("application.yml", yaml));
            ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                    "test-systemEnvironment", env));
        });
    }

    private void run(Map<String, Object> env, Map<String, Object> yaml,
                     Consumer<ShardingConfigurationException> failure) {
        withSources(env, yaml).run((AssertableApplicationContext context) -> {
            assertThat(context).hasFailed();
            Throwable found = outermostConfigurationFailure(context.getStartupFailure());
            assertThat(found).isInstanceOf(ShardingConfigurationException.class);
            failure.accept((ShardingConfigurationException) found);
        });
    }
}
