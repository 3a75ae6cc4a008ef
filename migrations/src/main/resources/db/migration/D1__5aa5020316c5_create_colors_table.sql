-- Downgrade of version 1 (5aa5020316c5): create colors table.
DROP TABLE colors;
