-- add row version
-- Version 6, created 2026-11-25, revises 5 (1114dac3f5e4 agregar tabla tipo de mueble).
-- A counter each change increments, for optimistic concurrency: the seed's updated_at has one-second precision, too
-- coarse to tell two changes apart. Rows that exist already start at version 1.
ALTER TABLE colors ADD COLUMN row_version INT UNSIGNED NOT NULL DEFAULT 1;
ALTER TABLE roles ADD COLUMN row_version INT UNSIGNED NOT NULL DEFAULT 1;
ALTER TABLE wood_types ADD COLUMN row_version INT UNSIGNED NOT NULL DEFAULT 1;
ALTER TABLE unit_of_measures ADD COLUMN row_version INT UNSIGNED NOT NULL DEFAULT 1;
ALTER TABLE furniture_type ADD COLUMN row_version INT UNSIGNED NOT NULL DEFAULT 1;
