package io.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection of the routing DataSource is tied to the shard bound when it was taken: binding another shard and
 * then running SQL on it (the "explicit bind inside a transaction" of a service that writes two customers) is
 * refused before the database sees the statement, whichever JDBC call runs it; the same shard, or no binding,
 * runs as before.
 */
class ShardConnectionGuardTest {

    private static final String INSERT = "INSERT INTO orders (id, customer_id) VALUES (?, ?)";

    private final ShardRegistry registry = ShardRegistry.builder()
            .shard("shard-a", H2ShardFixtures.pool("guard-a"))
            .shard("shard-b", H2ShardFixtures.pool("guard-b"))
            .build();
    private final Shard a = registry.shard("shard-a");
    private final Shard b = registry.shard("shard-b");
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();

    @BeforeEach
    void createTables() throws SQLException {
        for (Shard shard : registry.shards()) {
            try (Connection c = shard.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT)");
            }
        }
    }

    @AfterEach
    void close() {
        assertThat(ShardContext.depth()).as("test left a binding").isZero();
        registry.close();
    }

    @Test
    void bindingAnotherShardInsideATransactionThenWritingIsRefusedAndNothingLandsOnEitherShard() throws Exception {
        ShardRoutingDataSource named = routing.namingTransactionsBy(() -> "OrderService.placeTwo");
        try (ShardScope ofA = ShardContext.bind(a); Connection c = named.getConnection()) {
            c.setAutoCommit(false);
            insert(c, 1, 100);
            try (ShardScope ofB = ShardContext.bind(b)) {
                assertThatThrownBy(() -> insert(c, 2, 200))
                        .isInstanceOfSatisfying(CrossShardTransactionException.class, ex -> {
                            assertThat(ex.getShard()).as("the shard bound").isEqualTo("shard-b");
                            assertThat(ex.getBoundShard()).as("the connection's shard").isEqualTo("shard-a");
                        })
                        .hasMessage("Shard 'shard-b' is bound but prepareStatement was called on a connection of "
                                + "shard 'shard-a' held by the open transaction (opened by OrderService.placeTwo); "
                                + "refused before it ran: one unit of work may use one shard only. Bind shard "
                                + "'shard-b' outside that transaction");
            }
            c.rollback();
        }
        assertThat(ids(a)).as("the transaction rolled back, B's row never reached A").isEmpty();
        assertThat(ids(b)).isEmpty();
    }

    @Test
    void everyWayOfRunningSqlOnTheConnectionChecksTheBoundShard() throws Exception {
        try (ShardScope ofA = ShardContext.bind(a); Connection c = routing.getConnection()) {
            Statement statement = c.createStatement();
            PreparedStatement prepared = c.prepareStatement(INSERT);
            prepared.setLong(1, 7);
            prepared.setLong(2, 700);
            CallableStatement callable = c.prepareCall("CALL 1");
            statement.addBatch("INSERT INTO orders (id, customer_id) VALUES (8, 800)");
            prepared.addBatch();
            try (ShardScope ofB = ShardContext.bind(b)) {
                for (Call call : everyRunningCall(c, statement, prepared, callable)) {
                    assertThatThrownBy(call.call()).as(call.operation())
                            .isInstanceOf(CrossShardTransactionException.class)
                            .hasMessageContaining(" but " + call.operation() + " was called on a connection of "
                                    + "shard 'shard-a' taken while that shard was bound");
                }
            }
            assertThat(statement.getConnection()).as("statements answer the guarded connection").isSameAs(c);
            assertThat(prepared.getConnection()).isSameAs(c);
            assertThat(callable.getConnection()).isSameAs(c);
        }
        assertThat(ids(a)).as("neither batch nor statement ran").isEmpty();
    }

    /** One JDBC call that runs (or prepares, or queues) SQL, and the method name its refusal must give. */
    private record Call(String operation, ThrowingCallable call) {
    }

    private static List<Call> everyRunningCall(Connection c, Statement s, PreparedStatement ps,
                                               CallableStatement cs) {
        String sql = "INSERT INTO orders (id, customer_id) VALUES (9, 900)";
        return List.of(
                new Call("createStatement", c::createStatement),
                new Call("prepareStatement", () -> c.prepareStatement(INSERT)),
                new Call("prepareCall", () -> c.prepareCall("CALL 1")),
                new Call("nativeSQL", () -> c.nativeSQL(sql)),
                new Call("execute", () -> s.execute(sql)),
                new Call("executeQuery", () -> s.executeQuery("SELECT id FROM orders")),
                new Call("executeUpdate", () -> s.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS)),
                new Call("executeLargeUpdate", () -> s.executeLargeUpdate(sql)),
                new Call("addBatch", () -> s.addBatch(sql)),
                new Call("executeBatch", s::executeBatch),
                new Call("executeLargeBatch", s::executeLargeBatch),
                new Call("execute", ps::execute),
                new Call("executeUpdate", ps::executeUpdate),
                new Call("executeLargeUpdate", ps::executeLargeUpdate),
                new Call("addBatch", ps::addBatch),
                new Call("executeBatch", ps::executeBatch),
                new Call("executeQuery", cs::executeQuery),
                new Call("execute", cs::execute));
    }

    @Test
    void theConnectionsOwnShardAndNoBindingAtAllRunAsBefore() throws Exception {
        Connection taken;
        try (ShardScope ofA = ShardContext.bind(a)) {
            taken = routing.getConnection();
            try (ShardScope again = ShardContext.bind(a)) {
                insert(taken, 1, 100);
            }
        }
        try (taken) {
            insert(taken, 2, 200);
        }
        try (Connection c = ShardRoutingDataSource.withDefaultShard(b).getConnection()) {
            insert(c, 3, 300);
        }
        assertThat(ids(a)).containsExactly(1L, 2L);
        assertThat(ids(b)).containsExactly(3L);
    }

    @Test
    void unwrappingToConnectionKeepsTheGuardUnwrappingToTheDriversTypeDoesNot() throws Exception {
        try (ShardScope ofA = ShardContext.bind(a); Connection c = routing.getConnection()) {
            assertThat(c.unwrap(Connection.class)).isSameAs(c);
            assertThat(c.isWrapperFor(Connection.class)).isTrue();
            assertThat(c.isWrapperFor(JdbcConnection.class)).isTrue();
            assertThat(c.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                assertThat(ps.unwrap(PreparedStatement.class)).isSameAs(ps);
            }
        }
    }

    private static void insert(Connection c, long id, long customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, id);
            ps.setLong(2, customer);
            ps.executeUpdate();
        }
    }

    private static List<Long> ids(Shard shard) throws SQLException {
        DataSource direct = shard.dataSource();
        List<Long> ids = new ArrayList<>();
        try (Connection c = direct.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
