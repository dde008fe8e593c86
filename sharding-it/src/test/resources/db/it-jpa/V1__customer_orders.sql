CREATE SEQUENCE customer_order_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE order_line_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE customer_order (
    id           BIGINT NOT NULL PRIMARY KEY,
    customer_id  BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL
);
CREATE INDEX customer_order_customer ON customer_order (customer_id);

CREATE TABLE order_line (
    id       BIGINT      NOT NULL PRIMARY KEY,
    order_id BIGINT      NOT NULL,
    line_no  INT         NOT NULL,
    sku      VARCHAR(64) NOT NULL
);
