package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.shardkit.reshard.ReshardConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IDE metadata the build generates: every shardkit key, per-shard and per-rule ones too, in plain words. */
class ConfigurationMetadataTest {

    @Test
    void perShardAndPerRuleKeysAreDescribedWithTheirDefaults() throws IOException {
        Map<String, Map<String, Object>> properties = properties();
        assertThat(properties).containsKeys("shardkit.shards.*.url", "shardkit.shards.*.index",
                "shardkit.shards.*.username", "shardkit.shards.*.password", "shardkit.shards.*.driver-class-name",
                "shardkit.shards.*.fail-on-startup", "shardkit.shards.*.pool.maximum-pool-size",
                "shardkit.shards.*.pool.minimum-idle", "shardkit.shards.*.pool.connection-timeout",
                "shardkit.shards.*.pool.validation-timeout", "shardkit.shards.*.pool.data-source-properties",
                "shardkit.rules.*.strategy", "shardkit.rules.*.shards", "shardkit.rules.*.algorithm",
                "shardkit.rules.*.key-type", "shardkit.rules.*.ranges", "shardkit.rules.*.ranges[*].from",
                "shardkit.rules.*.ranges[*].to", "shardkit.rules.*.ranges[*].shard", "shardkit.rules.*.default-shard",
                "shardkit.rules.*.directory.shard", "shardkit.rules.*.directory.table",
                "shardkit.rules.*.directory.cache.maximum-size", "shardkit.rules.*.directory.cache.ttl");
        assertThat(properties.get("shardkit.shards.*.pool.maximum-pool-size")).containsEntry("defaultValue", 10);
        assertThat(properties.get("shardkit.shards.*.pool.connection-timeout")).containsEntry("defaultValue", "3s");
        assertThat(properties.get("shardkit.shards.*.fail-on-startup")).containsEntry("defaultValue", false);
        assertThat(properties.get("shardkit.rules.*.strategy")).containsEntry("defaultValue", "hash");
        assertThat(properties.get("shardkit.rules.*.algorithm")).containsEntry("defaultValue", "jump");
        assertThat(properties.get("shardkit.rules.*.directory.table"))
                .containsEntry("defaultValue", "shard_directory");
    }

    @Test
    void theGeneratedKeysIncludeTheLayoutAndTheUnknownPropertySwitch() throws IOException {
        Map<String, Map<String, Object>> properties = properties();
        assertThat(properties.get("shardkit.layout.name")).containsEntry("defaultValue", "default");
        assertThat(properties.get("shardkit.layout.table")).containsEntry("defaultValue", "shardkit_layout");
        assertThat(properties.get("shardkit.layout.create-table")).containsEntry("defaultValue", true);
        assertThat(properties).containsKeys("shardkit.layout.enabled", "shardkit.layout.accepted-changes");
        assertThat(properties.get("shardkit.fail-on-unknown-properties")).containsEntry("defaultValue", true);
        assertThat(properties.get("shardkit.self-invocation")).containsEntry("defaultValue", "fail");
        assertThat(properties.get("shardkit.scatter-gather.timeout")).containsEntry("defaultValue", "2s");
        assertThat(properties.get("shardkit.scatter-gather.parallelism")).containsEntry("defaultValue", 16);
        assertThat(properties.get("shardkit.scatter-gather.inline-below")).containsEntry("defaultValue", "20us");
    }

    @Test
    void theReshardingKeysAreDescribedWithTheirDefaults() throws IOException {
        Map<String, Map<String, Object>> properties = properties();
        assertThat(properties).containsKeys("shardkit.rules.*.seed-shards", "shardkit.rules.*.buckets-rule",
                "shardkit.reshard.rules.*.tables", "shardkit.reshard.rules.*.tables[*].table",
                "shardkit.reshard.rules.*.tables[*].key-column", "shardkit.reshard.rules.*.tables[*].id-column",
                "shardkit.reshard.rules.*.tables[*].parent-column", "shardkit.reshard.rules.*.tables[*].parent-table",
                "shardkit.reshard.rules.*.outbox", "shardkit.reshard.rules.*.outbox-aggregate-types");
        assertThat(properties.get("shardkit.reshard.batch-size")).containsEntry("defaultValue",
                ReshardConfig.DEFAULT_BATCH_SIZE);
        assertThat(properties.get("shardkit.reshard.max-rows-per-second")).containsEntry("defaultValue",
                (int) ReshardConfig.DEFAULT_MAX_ROWS_PER_SECOND);
        assertThat(properties.get("shardkit.reshard.concurrency")).containsEntry("defaultValue",
                ReshardConfig.DEFAULT_CONCURRENCY);
        assertThat(properties.get("shardkit.reshard.cleanup-delay")).containsEntry("defaultValue", "5m");
    }

    @Test
    void everyDescriptionIsPlainWords() throws IOException {
        properties().forEach((name, property) -> {
            assertThat(property.get("description")).as(name + " has a description").isInstanceOf(String.class);
            assertThat((String) property.get("description")).as(name).doesNotContain("{@", "<p>", "<pre>");
        });
    }

    /** shardkit's properties by name, from the metadata file of this module. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> properties() throws IOException {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                List<Object> entries = JsonPath.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "$.properties");
                for (Object entry : entries) {
                    Map<String, Object> property = (Map<String, Object>) entry;
                    String name = (String) property.get("name");
                    if (name.startsWith("shardkit.")) {
                        byName.put(name, property);
                    }
                }
            }
        }
        assertThat(byName).as("the starter's generated metadata").isNotEmpty();
        return byName;
    }
}
