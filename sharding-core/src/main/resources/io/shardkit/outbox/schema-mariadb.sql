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
    attempts       INT          NOT NULL DEFAULT 0,
    lease_owner    VARCHAR(128) NULL,
    lease_until    DATETIME(6)  NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (published_at, id);
