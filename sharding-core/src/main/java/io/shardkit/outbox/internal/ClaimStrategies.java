package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxLocking;
import io.shardkit.outbox.OutboxRelayConfig;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Picks the {@link ClaimStrategy} for a shard from its database's metadata: row locks with SKIP LOCKED where the
 * database has them, leases elsewhere. Stateless, thread-safe.
 */
final class ClaimStrategies {

    private ClaimStrategies() {
    }

    static ClaimStrategy forDatabase(DatabaseMetaData metaData, OutboxRelayConfig config) throws SQLException {
        OutboxLocking locking = config.locking();
        if (locking == OutboxLocking.AUTO) {
            locking = supportsSkipLocked(metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion(),
                    metaData.getDatabaseMajorVersion(), metaData.getDatabaseMinorVersion())
                    ? OutboxLocking.SKIP_LOCKED : OutboxLocking.LEASE;
        }
        OutboxSql sql = OutboxSql.forProduct(config.table(), metaData.getDatabaseProductName());
        return locking == OutboxLocking.SKIP_LOCKED
                ? new SkipLockedClaims(sql)
                : new LeaseClaims(sql, config.relayId(), config.leaseDuration());
    }

    /**
     * Whether {@code SELECT ... FOR UPDATE SKIP LOCKED} works: H2 2.3+ (checked on 2.3.232 and 2.4.240),
     * PostgreSQL 9.5+, MariaDB 10.6+, MySQL 8+. A MySQL driver talking to MariaDB reports "MySQL" with a
     * version such as {@code 5.5.5-10.11.6-MariaDB}; that one is treated as unknown, hence leases.
     */
    static boolean supportsSkipLocked(String product, String productVersion, int major, int minor) {
        String name = product.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return atLeast(major, minor, 2, 3);
        }
        if (name.contains("postgresql")) {
            return atLeast(major, minor, 9, 5);
        }
        if (name.contains("mariadb")) {
            return atLeast(major, minor, 10, 6);
        }
        if (name.contains("mysql")) {
            return !productVersion.toLowerCase(Locale.ROOT).contains("mariadb") && major >= 8;
        }
        return false;
    }

    private static boolean atLeast(int major, int minor, int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }
}
