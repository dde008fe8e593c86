-- shardkit bucket map, move journal and move state, MariaDB 10.6+. Run on every shard of a bucketed rule; idempotent.
-- One row per (rule, bucket) on every shard: the owner by name and the epoch of the move that set it. The row
-- with the highest epoch across shards is the truth; the source and the target of a move are written first.
-- Writers lock their bucket's row (LOCK IN SHARE MODE) and the mover locks it exclusively.
CREATE TABLE IF NOT EXISTS shardkit_bucket_map (
    rule      VARCHAR(128) NOT NULL,
    bucket    INT          NOT NULL,
    owner     VARCHAR(128) NOT NULL,
    epoch     BIGINT       NOT NULL,
    moving_to VARCHAR(128) NULL,
    PRIMARY KEY (rule, bucket)
);
-- Keys written to a moving bucket, in the writer's own transaction; replayed by the mover.
CREATE TABLE IF NOT EXISTS shardkit_bucket_journal (
    seq       BIGINT AUTO_INCREMENT PRIMARY KEY,
    rule      VARCHAR(128) NOT NULL,
    bucket    INT          NOT NULL,
    key_type  CHAR(1)      NOT NULL,
    shard_key VARCHAR(255) NOT NULL
);
CREATE INDEX IF NOT EXISTS shardkit_bucket_journal_bucket ON shardkit_bucket_journal (rule, bucket, seq);
-- One row per bucket move, on the source shard: its step, so that a crashed move resumes or rolls back.
CREATE TABLE IF NOT EXISTS shardkit_bucket_move (
    rule       VARCHAR(128) NOT NULL,
    bucket     INT          NOT NULL,
    source     VARCHAR(128) NOT NULL,
    target     VARCHAR(128) NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    epoch      BIGINT       NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (rule, bucket)
);
