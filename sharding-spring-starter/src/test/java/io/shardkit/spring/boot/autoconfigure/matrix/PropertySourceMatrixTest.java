package io.shardkit.spring.boot.autoconfigure.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.layout.LayoutFence;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The key -> shard mapping is the same however the application is configured: YAML, a .properties file,
 * command-line arguments, environment variables (relaxed binding), profiles, SPRING_APPLICATION_JSON, and
 * combinations of them that used to reorder or add shards. Every variant is a real {@link SpringApplication} on the
 * same four H2 databases (the environment-only variant, whose shard names cannot hold a dash, on its own), so each
 * start after the first also passes the layout check of the identities the first one stamped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PropertySourceMatrixTest {

    private static final ExpectedMapping EXPECTED = new ExpectedMapping();
    private static final String DB = "matrix-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws IOException {
        Files.writeString(dir.resolve("matrix.yml"), yaml(true));
        Files.writeString(dir.resolve("shards.yml"), yaml(false));
        Files.writeString(dir.resolve("shards-rules.yml"), "shardkit:\n" + rulesYaml());
        StringJoiner properties = new StringJoiner("\n");
        flat("shard-", DB).forEach((k, v) -> properties.add(k + "=" + v));
        Files.writeString(dir.resolve("matrix.properties"), properties.toString());
    }

    @Test
    @Order(1)
    void yaml() {
        check("yaml", Map.of(), "--spring.config.location=file:" + dir.resolve("matrix.yml"));
    }

    @Test
    @Order(2)
    void propertiesFile() {
        check("properties", Map.of(), "--spring.config.location=file:" + dir.resolve("matrix.properties"));
    }

    @Test
    @Order(3)
    void commandLineArguments() {
        check("command line", Map.of(), args(flat("shard-", DB)));
    }

    @Test
    @Order(4)
    void profiles() {
        check("profiles", Map.of(), "--spring.config.location=file:" + dir + "/", "--spring.config.name=shards",
                "--spring.profiles.active=rules");
    }

    @Test
    @Order(5)
    void springApplicationJson() {
        StringJoiner json = new StringJoiner(",", "{", "}");
        flat("shard-", DB).forEach((k, v) -> json.add("\"" + k + "\":\"" + v + "\""));
        check("SPRING_APPLICATION_JSON", Map.of("SPRING_APPLICATION_JSON", json.toString()));
    }

    @Test
    @Order(6)
    void environmentVariablesAlone() {
        Map<String, Object> env = new LinkedHashMap<>();
        flat("shard", DB + "-env").forEach((k, v) -> env.put(envName(k), v));
        check("environment", env);
    }

    @Test
    @Order(7)
    void yamlWithACommandLineUrlAnEnvironmentPasswordAndJson() {
        // The deployment of the issue: a url repeated on the command line (once moved shard-2 to index 0), a
        // password by environment variable (once added a fifth shard 'shard2'), a pool size by JSON.
        check("combined", Map.of("SHARDKIT_SHARDS_SHARD2_PASSWORD", "",
                        "SPRING_APPLICATION_JSON", "{\"shardkit.shards.shard-1.pool.maximum-pool-size\":\"3\"}"),
                "--spring.config.location=file:" + dir.resolve("matrix.yml"),
                "--shardkit.shards.shard-2.url=" + url(DB, 2));
    }

    private static void check(String variant, Map<String, Object> env, String... args) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        env));
        app.setEnvironment(environment);
        try (ConfigurableApplicationContext context = app.run(args)) {
            ShardRegistry registry = context.getBean(ShardRegistry.class);
            assertThat(registry.size()).as(variant).isEqualTo(ExpectedMapping.SHARDS);
            for (int i = 0; i < ExpectedMapping.SHARDS; i++) {
                assertThat(registry.shard(i).name()).as(variant).endsWith(Integer.toString(i));
            }
            assertThat(context.getBean(LayoutFence.class).report()).as(variant).isPresent();
            EXPECTED.assertHeldBy(context.getBean(ShardingRules.class), variant);
        }
        assertThat(EXPECTED.keys()).isGreaterThanOrEqualTo(10_000);
    }

    /** The whole configuration as flat properties, shards named {@code prefix + i}. */
    static Map<String, String> flat(String prefix, String db) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < ExpectedMapping.SHARDS; i++) {
            String shard = "shardkit.shards." + prefix + i + ".";
            p.put(shard + "index", Integer.toString(i));
            p.put(shard + "url", url(db, i));
            p.put(shard + "username", "sa");
            p.put(shard + "pool.maximum-pool-size", "2");
            p.put(shard + "pool.minimum-idle", "0");
        }
        p.put("shardkit.rules.orders.strategy", "hash");
        p.put("shardkit.rules.orders-modulo.algorithm", "modulo");
        p.put("shardkit.rules.by-price.strategy", "range");
        p.put("shardkit.rules.by-price.key-type", "long");
        String[][] ranges = {{null, ExpectedMapping.CUT_1}, {ExpectedMapping.CUT_1, ExpectedMapping.CUT_2},
            {ExpectedMapping.CUT_2, ExpectedMapping.CUT_3}, {ExpectedMapping.CUT_3, null}};
        for (int i = 0; i < ranges.length; i++) {
            String range = "shardkit.rules.by-price.ranges[" + i + "].";
            if (ranges[i][0] != null) {
                p.put(range + "from", ranges[i][0]);
            }
            if (ranges[i][1] != null) {
                p.put(range + "to", ranges[i][1]);
            }
            p.put(range + "shard", prefix + i);
        }
        p.put("shardkit.rules.order-ids.strategy", "id");
        return p;
    }

    private static String yaml(boolean withRules) {
        StringBuilder y = new StringBuilder("shardkit:\n  shards:\n");
        for (int i = 0; i < ExpectedMapping.SHARDS; i++) {
            y.append("    shard-").append(i).append(": { index: ").append(i).append(", url: \"").append(url(DB, i))
                    .append("\", username: sa, pool: { maximum-pool-size: 2, minimum-idle: 0 } }\n");
        }
        return withRules ? y + rulesYaml() : y.toString();
    }

    private static String rulesYaml() {
        return "  rules:\n"
                + "    orders: { strategy: hash }\n"
                + "    orders-modulo: { algorithm: modulo }\n"
                + "    by-price:\n"
                + "      strategy: range\n"
                + "      key-type: long\n"
                + "      ranges:\n"
                + "        - { to: \"" + ExpectedMapping.CUT_1 + "\", shard: shard-0 }\n"
                + "        - { from: \"" + ExpectedMapping.CUT_1 + "\", to: \"0\", shard: shard-1 }\n"
                + "        - { from: \"0\", to: \"" + ExpectedMapping.CUT_3 + "\", shard: shard-2 }\n"
                + "        - { from: \"" + ExpectedMapping.CUT_3 + "\", shard: shard-3 }\n"
                + "    order-ids: { strategy: id }\n";
    }

    private static String url(String db, int i) {
        return "jdbc:h2:mem:" + db + "-" + i + ";DB_CLOSE_DELAY=-1";
    }

    /** {@code shardkit.rules.by-price.ranges[0].to} as an environment variable: SHARDKIT_RULES_BYPRICE_RANGES_0_TO. */
    private static String envName(String property) {
        return property.replace("-", "").replace("[", "_").replace("]", "").replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }

    private static String[] args(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return args.toArray(new String[0]);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ShardkitAutoConfiguration.class)
    static class App {
    }
}
