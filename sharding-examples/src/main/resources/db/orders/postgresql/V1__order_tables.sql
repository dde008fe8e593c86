-- The order service's tables, one copy on every shard, migrated by Flyway shard by shard (each shard keeps its own
-- flyway_schema_history). IF NOT EXISTS: a shard created by an earlier version (baselined) keeps its rows.
-- Which rows a shard holds is decided by the rules: orders, order_items and outbox by customer (hash),
-- order_analytics by price band (range), merchants and merchant_orders by merchant (directory); merchant_profiles
-- is reference data, the same rows on every shard (written by a @Broadcast).

CREATE TABLE IF NOT EXISTS orders (
    id           BIGINT       NOT NULL PRIMARY KEY,
    customer_id  BIGINT       NOT NULL,
    merchant_id  BIGINT       NOT NULL,
    total_cents  BIGINT       NOT NULL,
    item_count   INT          NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_customer ON orders (customer_id, id);
CREATE INDEX IF NOT EXISTS orders_created ON orders (created_at, id);

CREATE TABLE IF NOT EXISTS order_items (
    order_id          BIGINT      NOT NULL,
    line_no           INT         NOT NULL,
    sku               VARCHAR(64) NOT NULL,
    quantity          INT         NOT NULL,
    unit_price_cents  BIGINT      NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE IF NOT EXISTS order_analytics (
    order_id     BIGINT       NOT NULL PRIMARY KEY,
    price_band   VARCHAR(8)   NOT NULL,
    total_cents  BIGINT       NOT NULL,
    merchant_id  BIGINT       NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL
);

CREATE TABLE IF NOT EXISTS merchants (
    id          BIGINT       NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL
);

CREATE TABLE IF NOT EXISTS merchant_orders (
    order_id     BIGINT NOT NULL PRIMARY KEY,
    merchant_id  BIGINT NOT NULL,
    total_cents  BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS merchant_orders_merchant ON merchant_orders (merchant_id);

CREATE TABLE IF NOT EXISTS merchant_profiles (
    id          BIGINT       NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    updated_at  TIMESTAMP(6) NOT NULL
);
