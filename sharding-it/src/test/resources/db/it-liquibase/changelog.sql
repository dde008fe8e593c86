--liquibase formatted sql

--changeset shardkit-it:1
CREATE TABLE parcel (id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL);

--changeset shardkit-it:2
ALTER TABLE parcel ADD weight_grams INT;
