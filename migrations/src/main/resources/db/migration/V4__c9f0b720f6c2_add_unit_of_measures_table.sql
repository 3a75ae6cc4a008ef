-- add unit of measures table
-- Alembic revision c9f0b720f6c2 of the Python original (created 2026-02-19, revises 6067bf0c7322).
-- Column for column the seed's table; the charset and collation are stated so that any name (emoji included)
-- stores whatever the server's defaults are. utf8mb4_unicode_520_ci, unlike utf8mb4_general_ci, tells
-- characters outside the Basic Multilingual Plane apart, so two different emoji names are not "equal".
CREATE TABLE unit_of_measures (
    id_unit_of_measure INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(50) NOT NULL,
    abbreviation VARCHAR(10) NOT NULL,
    active BOOL NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at TIMESTAMP NULL,
    created_by VARCHAR(100) NULL,
    updated_by VARCHAR(100) NULL,
    deleted_by VARCHAR(100) NULL,
    PRIMARY KEY (id_unit_of_measure),
    UNIQUE (abbreviation),
    UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
