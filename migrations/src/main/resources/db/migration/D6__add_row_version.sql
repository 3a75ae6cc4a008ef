-- Downgrade of version 6: drop the row version counters.
ALTER TABLE furniture_type DROP COLUMN row_version;
ALTER TABLE unit_of_measures DROP COLUMN row_version;
ALTER TABLE wood_types DROP COLUMN row_version;
ALTER TABLE roles DROP COLUMN row_version;
ALTER TABLE colors DROP COLUMN row_version;
