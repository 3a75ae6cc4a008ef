-- add table wood types
-- Alembic revision 6067bf0c7322 of the Python original (created 2026-02-18, revises e57af1e0a8f8).
-- Column for column the seed's table; the charset and collation are stated so that any name (emoji included)
-- stores whatever the server's defaults are. utf8mb4_unicode_520_ci, unlike utf8mb4_general_ci, tells
-- characters outside the Basic Multilingual Plane apart, so two different emoji names are not "equal".
CREATE TABLE wood_types (
    id_wood_type INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(255) NULL,
    active BOOL NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at TIMESTAMP NULL,
    created_by VARCHAR(100) NULL,
    updated_by VARCHAR(100) NULL,
    deleted_by VARCHAR(100) NULL,
    PRIMARY KEY (id_wood_type),
    UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
