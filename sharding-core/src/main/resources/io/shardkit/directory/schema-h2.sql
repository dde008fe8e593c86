-- shardkit directory table for H2. One row per key: the shard that holds it.
-- The table name 'shard_directory' is the default; DirectoryDialect.statements(name) substitutes another.
-- The primary key makes the first insert of a key win; every node then reads that row.
CREATE TABLE IF NOT EXISTS shard_directory (
    key_type   VARCHAR(16)              NOT NULL,
    shard_key  VARCHAR(255)             NOT NULL,
    shard_name VARCHAR(128)             NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_shard_directory PRIMARY KEY (key_type, shard_key)
);
