/**
 * The one model of a migration step: {@link furniture.catalog.migrations.operation.Operation} (generated or parsed),
 * the data each may destroy ({@link furniture.catalog.migrations.operation.DataAtRisk}), what each needs of the rows
 * ({@link furniture.catalog.migrations.operation.Requirement}), and their SQL and inverses
 * ({@link furniture.catalog.migrations.operation.Render}). No database, no parser: pure values.
 */
package furniture.catalog.migrations.operation;
