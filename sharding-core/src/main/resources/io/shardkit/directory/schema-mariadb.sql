-- shardkit directory table for MariaDB and MySQL (InnoDB). One row per key: the shard that holds it.
-- The table name 'shard_directory' is the default; DirectoryDialect.statements(name) substitutes another.
-- The primary key makes the first insert of a key win; every node then reads that row.
-- shard_key is VARBINARY on purpose: the default string collations are case-insensitive and ignore trailing
-- spaces, which would make 'Acme' and 'acme ' one key. 1020 bytes hold 255 characters of utf8mb4.
-- updated_at is in the server's time zone (written with CURRENT_TIMESTAMP); it is informational only.
CREATE TABLE IF NOT EXISTS shard_directory (
    key_type   VARCHAR(16)    NOT NULL,
    shard_key  VARBINARY(1020) NOT NULL,
    shard_name VARCHAR(128)   NOT NULL,
    updated_at DATETIME(3)    NOT NULL,
    CONSTRAINT pk_shard_directory PRIMARY KEY (key_type, shard_key)
) ENGINE = InnoDB;
