-- shardkit layout identity table for PostgreSQL 12 and later.
-- A few rows per shard database: which layout and shard the database belongs to (shard.name, shard.index,
-- database.id), the layout's members (member.<shard>) and the fingerprint of every rule that places rows here
-- (rule.<rule>). shardkit reads them once at start-up; it writes them only on first start, when a shard or rule
-- is added, and when a rule change is accepted. The table name 'shardkit_layout' is the default;
-- LayoutDialect.statements(name) substitutes another.
CREATE TABLE IF NOT EXISTS shardkit_layout (
    layout_name VARCHAR(64)   NOT NULL,
    entry       VARCHAR(191)  NOT NULL,
    entry_value VARCHAR(255)  NOT NULL,
    detail      VARCHAR(2000) NOT NULL,
    CONSTRAINT pk_shardkit_layout PRIMARY KEY (layout_name, entry)
);
