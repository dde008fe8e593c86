ALTER TABLE parcel ADD COLUMN weight_grams INT;
