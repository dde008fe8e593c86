package io.shardkit.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped DDL: it loads, takes the configured table name, and the H2 script runs and serves a directory. */
class DirectoryDialectTest {

    @Test
    void h2DdlCreatesATableTheDirectoryUses() {
        try (H2Directory db = new H2Directory()) {
            db.createTable("merchant_directory");
            // IF NOT EXISTS: running the script again is harmless.
            db.createTable("merchant_directory");
            DirectoryStrategy dir = DirectoryStrategy.create("shard-0", db.dataSource(), List.of("a", "b"),
                    DirectoryConfig.custom().tableName("merchant_directory").build());
            int slot = dir.shardOf("merchants", "acme");
            assertThat(db.rows("merchant_directory")).containsEntry("string:acme", List.of("a", "b").get(slot));
        }
    }

    @Test
    void schemaQualifiedNamesKeepAValidConstraintName() {
        try (H2Directory db = new H2Directory()) {
            db.execute("CREATE SCHEMA routing");
            db.createTable("routing.tenants");
            DirectoryStrategy dir = DirectoryStrategy.create("shard-0", db.dataSource(), List.of("a"),
                    DirectoryConfig.custom().tableName("routing.tenants").build());
            assertThat(dir.shardOf("tenants", 1L)).isZero();
            assertThat(db.rows("routing.tenants")).containsOnlyKeys("long:1");
        }
        assertThat(DirectoryDialect.POSTGRESQL.statements("routing.tenants").get(0))
                .contains("CREATE TABLE IF NOT EXISTS routing.tenants (")
                .contains("CONSTRAINT pk_tenants PRIMARY KEY");
    }

    /**
     * The PostgreSQL and MariaDB scripts run in H2's matching compatibility mode: a syntax smoke check only, not
     * a substitute for running them on the real servers.
     */
    @ParameterizedTest
    @EnumSource(DirectoryDialect.class)
    void everyScriptLoadsAndRunsInH2sCompatibilityMode(DirectoryDialect dialect) throws SQLException {
        List<String> statements = dialect.statements("shard_directory");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS shard_directory (")
                .doesNotContain("--").doesNotContain(";");
        String mode = switch (dialect) {
            case H2 -> "";
            case POSTGRESQL -> ";MODE=PostgreSQL";
            case MARIADB -> ";MODE=MariaDB";
        };
        DataSource h2 = H2ShardFixtures.dataSource("ddl", mode);
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            st.execute("INSERT INTO shard_directory VALUES ('long', '1', 'a', CURRENT_TIMESTAMP)");
            assertThatThrownBy(() -> st.execute("INSERT INTO shard_directory VALUES ('long', '1', 'b',"
                    + " CURRENT_TIMESTAMP)"))
                    .as("the primary key is what makes insert-if-absent work")
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("23"));
        }
    }

    @Test
    void resourcesAreNamedPerDialect() {
        assertThat(DirectoryDialect.H2.resource()).isEqualTo("io/shardkit/directory/schema-h2.sql");
        assertThat(DirectoryDialect.POSTGRESQL.resource()).isEqualTo("io/shardkit/directory/schema-postgresql.sql");
        assertThat(DirectoryDialect.MARIADB.resource()).isEqualTo("io/shardkit/directory/schema-mariadb.sql");
    }

    @Test
    void tableNamesThatAreNotPlainIdentifiersAreRefused() {
        for (String bad : new String[] {"", "1table", "dir; DROP TABLE x", "a.b.c", "\"quoted\"", "a-b"}) {
            assertThatThrownBy(() -> DirectoryDialect.H2.statements(bad)).as(bad)
                    .isInstanceOf(ShardingConfigurationException.class);
            assertThatThrownBy(() -> DirectoryConfig.custom().tableName(bad)).as(bad)
                    .isInstanceOf(ShardingConfigurationException.class);
        }
    }
}
