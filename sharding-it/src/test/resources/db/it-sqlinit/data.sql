INSERT INTO parcel (id, customer_id) VALUES (0, 0);
