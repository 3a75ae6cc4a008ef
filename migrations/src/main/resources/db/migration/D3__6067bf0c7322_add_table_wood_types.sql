-- Downgrade of version 3 (6067bf0c7322): add table wood types.
DROP TABLE wood_types;
