package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRules;
import io.shardkit.UnknownRuleException;
import io.shardkit.entity.EntityShardKeys;
import io.shardkit.entity.ShardGuard;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * The {@link ShardGuard} that checks entities carrying a shard key before Spring Data JDBC or Hibernate writes them,
 * and that code on JdbcTemplate may call itself. Keys come from {@code @ShardKey} on a field or record component
 * and from {@code shardkit.entities[<class>].key} / {@code .rule} (configuration wins), checked at start-up: an
 * unknown class, field or rule fails it naming the property.
 */
@AutoConfiguration(after = ShardkitAutoConfiguration.class)
@ConditionalOnBean(ShardingRules.class)
public final class ShardkitEntityGuardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ShardGuard shardGuard(ShardingRules rules, ShardkitProperties properties) {
        EntityShardKeys.Builder keys = EntityShardKeys.builder();
        ClassLoader loader = ShardkitEntityGuardAutoConfiguration.class.getClassLoader();
        for (Map.Entry<String, EntityProperties> e : properties.getEntities().entrySet()) {
            ConfigPath path = ConfigPath.SHARDKIT.child("entities").key(e.getKey());
            EntityProperties entity = e.getValue();
            String key = entity.getKey();
            if (key == null || key.isBlank()) {
                throw path.child("key").fail("is required: the field or record component holding the entity's "
                        + "shard key");
            }
            String rule = entity.getRule() == null ? "" : entity.getRule();
            try {
                rules.ruleOrDefault(rule);
            } catch (UnknownRuleException ex) {
                throw path.child("rule").fail(ex.getMessage(), null, ex);
            }
            Class<?> type = path.at(() -> type(e.getKey(), loader));
            path.child("key").at(() -> keys.entity(type, rule, key));
        }
        return ShardGuard.of(rules, keys.build());
    }

    private static Class<?> type(String name, ClassLoader loader) {
        try {
            return ClassUtils.forName(name, loader);
        } catch (ClassNotFoundException | LinkageError ex) {
            throw new ShardingConfigurationException(null, "no entity class [" + name + "] on the class path", ex);
        }
    }
}
