-- MariaDB's copy of the H2 / PostgreSQL V1: the same tables, with DATETIME(6) where they say TIMESTAMP(6)
-- (MariaDB's TIMESTAMP ends in 2038 and updates itself). Keep the copies in step.

CREATE TABLE IF NOT EXISTS orders (
    id           BIGINT       NOT NULL PRIMARY KEY,
    customer_id  BIGINT       NOT NULL,
    merchant_id  BIGINT       NOT NULL,
    total_cents  BIGINT       NOT NULL,
    item_count   INT          NOT NULL,
    created_at   DATETIME(6)  NOT NULL
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
    created_at   DATETIME(6)  NOT NULL
);

CREATE TABLE IF NOT EXISTS merchants (
    id          BIGINT       NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    created_at  DATETIME(6)  NOT NULL
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
    updated_at  DATETIME(6)  NOT NULL
);
