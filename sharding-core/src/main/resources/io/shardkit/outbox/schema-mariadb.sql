-- shardkit transactional outbox, MariaDB 10.6+ (SKIP LOCKED; older versions work through leases).
-- Run once on every shard; idempotent. id is the per-shard insertion order the relay publishes in.
-- DATETIME rather than TIMESTAMP: MariaDB's TIMESTAMP may update itself on every row change.
CREATE TABLE IF NOT EXISTS outbox (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    aggregate_type VARCHAR(255) NOT NULL,
    aggregate_id   VARCHAR(255) NOT NULL,
    event_type     VARCHAR(255) NOT NULL,
    payload        LONGTEXT     NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    published_at   DATETIME(6)  NULL,
    attempts       INT          NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
-- The relay reads "WHERE published_at IS NULL ORDER BY id" from this index (index only). Writers append at the
-- end of its NULL range; the relay marks rows by primary key at READ COMMITTED, so it never gap-locks that range.
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (published_at, id);
-- The relay lock (table <outbox table>_lock, one row 'relay'): relays lock it (SKIP LOCKED) or lease it, so
-- that one relay at a time publishes a shard's outbox, in id order. lease_token names one claim: only that claim
-- renews or releases the lease, so a relay restarted with the same id cannot take over a publish still running.
CREATE TABLE IF NOT EXISTS outbox_lock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    lease_owner VARCHAR(128) NULL,
    lease_until DATETIME(6)  NULL,
    lease_token VARCHAR(36)  NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
-- Lock tables created before lease_token existed.
ALTER TABLE outbox_lock ADD COLUMN IF NOT EXISTS lease_token VARCHAR(36) NULL;
INSERT IGNORE INTO outbox_lock (name) VALUES ('relay');
