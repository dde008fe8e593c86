package io.shardkit.outbox;

import io.shardkit.Shard;
import io.shardkit.testing.DataSourceStub;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Test fixture: N in-memory H2 shards with the outbox table, each behind a switch that can take it down. */
final class OutboxShards {

    private static final OutboxWriter WRITER = OutboxWriter.create();

    private final List<Shard> shards = new ArrayList<>();
    private final List<Switch> switches = new ArrayList<>();

    OutboxShards(int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:outbox-" + run + "-" + i + ";DB_CLOSE_DELAY=-1");
            Switch sw = new Switch(h2);
            switches.add(sw);
            shards.add(new Shard("shard-" + i, i, sw));
            OutboxSchema.create(sw);
        }
    }

    List<Shard> shards() {
        return shards;
    }

    Shard shard(int index) {
        return shards.get(index);
    }

    Switch control(int index) {
        return switches.get(index);
    }

    /** Appends events for the aggregate ids in one committed transaction on the shard; returns their ids. */
    List<Long> append(int shard, String... aggregateIds) throws SQLException {
        return append(shards.get(shard), aggregateIds);
    }

    /** Appends {@code perShard} events on every shard, one transaction each; returns ids per shard. */
    List<List<Long>> appendEverywhere(int perShard) throws SQLException {
        return appendEverywhere(shards, perShard);
    }

    static List<Long> append(Shard shard, String... aggregateIds) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = shard.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (String aggregateId : aggregateIds) {
                ids.add(WRITER.append(c, OutboxEvent.of("Order", aggregateId, "OrderPlaced",
                        "{\"order\":\"" + aggregateId + "\"}")));
            }
            c.commit();
        }
        return ids;
    }

    static List<List<Long>> appendEverywhere(List<Shard> shards, int perShard) throws SQLException {
        List<List<Long>> ids = new ArrayList<>();
        for (Shard shard : shards) {
            List<Long> shardIds = new ArrayList<>();
            for (int i = 0; i < perShard; i++) {
                shardIds.addAll(append(shard, "o-" + shard.index() + "-" + i));
            }
            ids.add(shardIds);
        }
        return ids;
    }

    static void createSchema(List<Shard> shards) {
        shards.forEach(shard -> OutboxSchema.create(shard.dataSource()));
    }

    long pending(int shard) throws SQLException {
        return count(shard, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL");
    }

    long count(int shard, String sql) throws SQLException {
        try (Connection c = switches.get(shard).target.getConnection();
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(int shard, String sql) throws SQLException {
        try (Connection c = switches.get(shard).target.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    /**
     * A DataSource that can be taken down: {@link #down()} fails every getConnection at once, {@link #hang()}
     * blocks it (like a database that stopped answering) until {@link #up()}; {@link #handOutDead(int)} makes the
     * next connections dead ones.
     */
    static final class Switch extends DataSourceStub {
        private final DataSource target;
        private volatile boolean down;
        private volatile CountDownLatch hang = new CountDownLatch(0);
        final AtomicInteger attempts = new AtomicInteger();
        private final AtomicInteger dead = new AtomicInteger();

        Switch(DataSource target) {
            this.target = target;
        }

        void down() {
            down = true;
        }

        void hang() {
            down = true;
            hang = new CountDownLatch(1);
        }

        void up() {
            down = false;
            hang.countDown();
        }

        /** The next {@code count} connections handed out are dead, as a pool's are after its server restarted. */
        void handOutDead(int count) {
            dead.set(count);
        }

        @Override
        public Connection getConnection() throws SQLException {
            attempts.incrementAndGet();
            try {
                hang.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while connecting", ex);
            }
            if (down) {
                throw new SQLException("Connection refused (test: shard is down)");
            }
            Connection connection = target.getConnection();
            if (dead.getAndDecrement() > 0) {
                connection.close();
            }
            return connection;
        }
    }
}
