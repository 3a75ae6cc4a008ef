/**
 * What the database records of its schema version, read and written with plain JDBC in Flyway's own format: the history
 * table, the run marker of a migration in progress, and the state read from both.
 */
package furniture.catalog.migrations.history;
