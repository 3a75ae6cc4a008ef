-- The database the Python original's `flask db upgrade 6067bf0c7322` leaves on MySQL: the DDL SQLAlchemy emits for
-- the seed's revisions 1-3 (no charset stated: the server's default), Alembic's version table, and some rows.
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE colors (
	id_color INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(50) NOT NULL, 
	active BOOL NOT NULL, 
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	deleted_at TIMESTAMP NULL, 
	created_by VARCHAR(100), 
	updated_by VARCHAR(100), 
	deleted_by VARCHAR(100), 
	PRIMARY KEY (id_color), 
	UNIQUE (name)
);

CREATE TABLE roles (
	id_role INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(50) NOT NULL, 
	active BOOL NOT NULL, 
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	deleted_at TIMESTAMP NULL, 
	created_by VARCHAR(100), 
	updated_by VARCHAR(100), 
	deleted_by VARCHAR(100), 
	PRIMARY KEY (id_role), 
	UNIQUE (name)
);

CREATE TABLE wood_types (
	id_wood_type INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(100) NOT NULL, 
	description VARCHAR(255), 
	active BOOL NOT NULL, 
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, 
	deleted_at TIMESTAMP NULL, 
	created_by VARCHAR(100), 
	updated_by VARCHAR(100), 
	deleted_by VARCHAR(100), 
	PRIMARY KEY (id_wood_type), 
	UNIQUE (name)
);

INSERT INTO alembic_version (version_num) VALUES ('6067bf0c7322');

INSERT INTO colors (name, active, created_at, updated_at, created_by, updated_by) VALUES
  ('Walnut brown', 1, '2026-02-17 10:00:00', '2026-02-17 10:00:00', 'ana', 'ana'),
  ('Ivory', 1, '2026-02-17 10:01:00', '2026-03-01 08:30:00', 'ana', 'luis'),
  ('Charcoal', 0, '2026-02-18 09:00:00', '2026-02-18 09:00:00', 'luis', 'luis');
INSERT INTO colors (name, active, deleted_at, created_by, deleted_by) VALUES ('Old rose', 1, '2026-04-02 12:00:00', 'ana', 'ana');
INSERT INTO roles (name, active, created_by) VALUES ('admin', 1, 'seed'), ('seller', 1, 'seed'), ('warehouse', 1, 'seed');
INSERT INTO wood_types (name, description, active, created_by) VALUES
  ('Oak', 'Hard, heavy, open grain', 1, 'seed'),
  ('Pine', NULL, 1, 'seed'),
  ('Teak', 'Oily; outdoor furniture', 1, 'seed');
