package io.shardkit.it.persistence.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.MixedShardDatabasesException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.it.persistence.PersistenceApps;
import io.shardkit.it.support.H2Databases;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What cannot work on shards fails the start, saying why and what to do. */
class JpaMisconfigurationIT {

    @Test
    void aDdlAutoThatWritesFailsTheStartNamingTheProperty() {
        List<String> settings = new ArrayList<>(List.of(JpaApplication.SETTINGS));
        settings.add("spring.jpa.hibernate.ddl-auto=update");
        assertThatThrownBy(() -> PersistenceApps.start(JpaApplication.class, H2Databases.create(2),
                settings.toArray(String[]::new)))
                .satisfies(ex -> assertThat(PersistenceApps.causes(ex))
                        .filteredOn(ShardingConfigurationException.class::isInstance).first()
                        .isInstanceOfSatisfying(ShardingConfigurationException.class, c -> {
                            assertThat(c.getProperty()).isEqualTo("spring.jpa.hibernate.ddl-auto");
                            assertThat(c).hasMessageContaining("[update]")
                                    .hasMessageContaining("not on every shard");
                        }));
    }

    @Test
    void shardsOfDifferentKindsFailTheStartNamingEach() {
        try (ShardDatabases postgres = ShardDatabases.create(RealServer.POSTGRES, 1)) {
            H2Databases h2 = H2Databases.create(1);
            List<String> settings = new ArrayList<>(List.of(JpaApplication.SETTINGS));
            settings.add("shardkit.shards.shard-1.index=1");
            settings.add("shardkit.shards.shard-1.url=" + postgres.poolConfig(0).build().url());
            settings.add("shardkit.shards.shard-1.username=postgres");
            assertThatThrownBy(() -> PersistenceApps.start(JpaApplication.class, h2, settings.toArray(String[]::new)))
                    .satisfies(ex -> assertThat(PersistenceApps.causes(ex))
                            .filteredOn(MixedShardDatabasesException.class::isInstance).first()
                            .isInstanceOfSatisfying(MixedShardDatabasesException.class, m -> {
                                assertThat(m.getProducts()).containsOnlyKeys("shard-0", "shard-1");
                                assertThat(m).hasMessageContaining("shard-0=H2")
                                        .hasMessageContaining("shard-1=PostgreSQL");
                            }));
        }
    }
}
