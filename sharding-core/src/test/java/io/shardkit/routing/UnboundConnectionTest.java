package io.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.MixedShardDatabasesException;
import io.shardkit.NoShardBoundException;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardUnavailableException;
import io.shardkit.testing.DataSourceStub;
import io.shardkit.testing.H2ShardFixtures;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * With no shard bound, the routing DataSource answers questions about the database from the shards themselves and
 * runs nothing: what start-up probes need, and no way to write to a shard no routing chose.
 */
class UnboundConnectionTest {

    private final String url0 = H2ShardFixtures.uniqueUrl("unbound0");
    private final ShardRegistry registry = ShardRegistry.builder()
            .shard("shard-0", io.shardkit.ShardPoolConfig.custom().url(url0).maximumPoolSize(2).minimumIdle(0).build())
            .shard("shard-1", H2ShardFixtures.pool("unbound1"))
            .build();

    UnboundConnectionTest() {
        H2ShardFixtures.mark(registry.shard("shard-0").dataSource(), "shard-0");
        H2ShardFixtures.mark(registry.shard("shard-1").dataSource(), "shard-1");
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void metadataIsTheShardsOwnWithNothingBound() throws Exception {
        ShardRoutingDataSource routing = ShardRoutingDataSource.create(registry);
        try (Connection c = routing.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getDatabaseProductName()).isEqualTo("H2");
            assertThat(md.getURL()).as("the first shard answers").isEqualTo(url0.substring(0, url0.indexOf(';')));
            assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
            assertThat(c.getCatalog()).isNotBlank();
            try (ResultSet tables = md.getTables(null, null, "MARKER", null)) {
                assertThat(tables.next()).as("the shard's own catalogue").isTrue();
                assertThat(tables.getStatement()).as("no way back to the real connection").isNull();
            }
            assertThat(md.getConnection()).as("the metadata answers with the metadata-only connection").isSameAs(c);
        }
    }

    @Test
    void nothingRunsOnIt() throws Exception {
        ShardRoutingDataSource routing = ShardRoutingDataSource.create(registry);
        try (Connection c = routing.getConnection()) {
            c.getMetaData();
            for (ThrowingConsumer<Connection> refused : java.util.List.<ThrowingConsumer<Connection>>of(
                    Connection::createStatement, x -> x.prepareStatement("DELETE FROM marker"),
                    x -> x.prepareCall("CALL 1"), x -> x.setAutoCommit(false), Connection::commit,
                    Connection::rollback, x -> x.setReadOnly(true), x -> x.setTransactionIsolation(2),
                    Connection::setSavepoint)) {
                assertThatThrownBy(() -> refused.accept(c)).isInstanceOf(NoShardBoundException.class)
                        .hasMessageContaining("No shard is bound");
            }
            assertThatThrownBy(() -> c.unwrap(org.h2.jdbc.JdbcConnection.class)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("never hands out the shard's own objects");
            assertThatThrownBy(() -> c.getMetaData().unwrap(org.h2.jdbc.JdbcDatabaseMetaData.class))
                    .isInstanceOf(SQLException.class);
            assertThat(c.isWrapperFor(Connection.class)).isTrue();
        }
        for (String shard : registry.names()) {
            try (ShardScope scope = registry.bind(shard); Connection c = routing.getConnection()) {
                assertThat(H2ShardFixtures.marker(c)).as("nothing was deleted").isEqualTo(shard);
            }
        }
    }

    @Test
    void aTransactionManagerIsRefusedAtItsFirstQuestionWithoutTouchingAShard() throws Exception {
        AtomicInteger taken = new AtomicInteger();
        try (ShardRegistry counted = ShardRegistry.builder().shard("only", counting(
                registry.shard("shard-0").dataSource(), taken)).build()) {
            ShardRoutingDataSource routing = ShardRoutingDataSource.create(counted);
            try (Connection c = routing.getConnection()) {
                assertThatThrownBy(c::getAutoCommit).isInstanceOf(NoShardBoundException.class);
                assertThatThrownBy(c::isReadOnly).isInstanceOf(NoShardBoundException.class);
                assertThatThrownBy(() -> c.setAutoCommit(false)).isInstanceOf(NoShardBoundException.class);
            }
            assertThat(taken).as("no shard connection for a refused transaction").hasValue(0);
        }
    }

    @Test
    void aClosedConnectionAnswersNothingAndReturnsWhatItBorrowed() throws Exception {
        AtomicInteger open = new AtomicInteger();
        try (ShardRegistry counted = ShardRegistry.builder().shard("only", tracking(
                registry.shard("shard-0").dataSource(), open)).build()) {
            Connection c = ShardRoutingDataSource.create(counted).getConnection();
            c.getMetaData().getDatabaseProductName();
            assertThat(open).hasValue(1);
            c.close();
            assertThat(open).as("the borrowed connection went back").hasValue(0);
            assertThat(c.isClosed()).isTrue();
            assertThatThrownBy(c::getMetaData).isInstanceOf(SQLException.class).hasMessageContaining("is closed");
        }
    }

    @Test
    void shardsOfDifferentKindsAreRefusedNamingEach() {
        try (ShardRegistry mixed = ShardRegistry.builder()
                .shard("shard-0", registry.shard("shard-0").dataSource())
                .shard("shard-1", renamed(registry.shard("shard-1").dataSource(), "PostgreSQL"))
                .build()) {
            ShardRoutingDataSource routing = ShardRoutingDataSource.create(mixed);
            assertThatThrownBy(() -> routing.getConnection().getMetaData())
                    .isInstanceOfSatisfying(MixedShardDatabasesException.class, ex -> {
                        assertThat(ex.getProducts()).containsOnlyKeys("shard-0", "shard-1");
                        assertThat(ex.getProducts().get("shard-1")).startsWith("PostgreSQL");
                    })
                    .hasMessageContaining("shard-0=H2").hasMessageContaining("shard-1=PostgreSQL")
                    .hasMessageContaining("give every shard the same kind of database");
        }
    }

    @Test
    void aShardThatIsDownLeavesTheAnswerToTheNextAndIsAskedAgainLater() throws Exception {
        try (ShardRegistry withDown = ShardRegistry.builder()
                .shard("down", H2ShardFixtures.unreachablePool(Duration.ofMillis(250)))
                .shard("up", registry.shard("shard-1").dataSource())
                .build()) {
            ShardRoutingDataSource routing = ShardRoutingDataSource.create(withDown);
            try (Connection c = routing.getConnection()) {
                assertThat(c.getMetaData().getURL()).isEqualTo(
                        registry.shard("shard-1").dataSource().getConnection().getMetaData().getURL());
            }
        }
        try (ShardRegistry allDown = ShardRegistry.builder()
                .shard("down", H2ShardFixtures.unreachablePool(Duration.ofMillis(250))).build()) {
            assertThatThrownBy(() -> ShardRoutingDataSource.create(allDown).getConnection().getMetaData())
                    .isInstanceOf(ShardUnavailableException.class).hasMessageContaining("'down'")
                    .hasMessageContaining("no shard handed out a connection");
        }
    }

    @Test
    void withoutARegistryTheUnboundCallIsRefusedAtOnce() {
        assertThatThrownBy(() -> ShardRoutingDataSource.create().getConnection())
                .isInstanceOf(NoShardBoundException.class);
    }

    /** {@code real}, counting the connections taken. */
    private static DataSource counting(DataSource real, AtomicInteger taken) {
        return new DataSourceStub() {
            @Override
            public Connection getConnection() throws SQLException {
                taken.incrementAndGet();
                return real.getConnection();
            }
        };
    }

    /** {@code real}, counting the connections open. */
    private static DataSource tracking(DataSource real, AtomicInteger open) {
        return new DataSourceStub() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = real.getConnection();
                open.incrementAndGet();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (p, m, a) -> {
                            if (m.getName().equals("close")) {
                                open.decrementAndGet();
                            }
                            return m.invoke(c, a);
                        });
            }
        };
    }

    /** {@code real}, claiming to be a database of another product. */
    private static DataSource renamed(DataSource real, String product) {
        return new DataSourceStub() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c = real.getConnection();
                DatabaseMetaData md = c.getMetaData();
                DatabaseMetaData claimed = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> m.getName().equals(
                                "getDatabaseProductName") ? product : m.invoke(md, a));
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("getMetaData")
                                ? claimed : m.invoke(c, a));
            }
        };
    }
}
