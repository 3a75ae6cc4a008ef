-- Downgrade of version 4 (c9f0b720f6c2): add unit of measures table.
DROP TABLE unit_of_measures;
