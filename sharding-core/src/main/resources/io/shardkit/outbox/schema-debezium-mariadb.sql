-- shardkit transactional outbox for Debezium's Outbox Event Router, MariaDB/MySQL. Run once on every shard;
-- idempotent. Insert-only: the writer inserts each event (and by default deletes it in the same transaction);
-- Debezium reads the inserts from the binlog (log_bin, binlog_format=ROW) and routes them.
CREATE TABLE IF NOT EXISTS outbox_event (
    id            CHAR(36)     NOT NULL PRIMARY KEY,
    aggregatetype VARCHAR(255) NOT NULL,
    aggregateid   VARCHAR(255) NOT NULL,
    type          VARCHAR(255) NOT NULL,
    payload       LONGTEXT     NOT NULL,
    seq           BIGINT       NOT NULL AUTO_INCREMENT UNIQUE,
    created_at    DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
