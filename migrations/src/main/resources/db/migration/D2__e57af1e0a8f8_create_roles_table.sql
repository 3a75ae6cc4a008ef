-- Downgrade of version 2 (e57af1e0a8f8): create roles table.
DROP TABLE roles;
