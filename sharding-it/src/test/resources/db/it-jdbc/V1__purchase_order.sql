CREATE TABLE purchase_order (
    id           BIGINT NOT NULL PRIMARY KEY,
    version      BIGINT NOT NULL,
    customer_id  BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL
);
CREATE INDEX purchase_order_customer ON purchase_order (customer_id);
