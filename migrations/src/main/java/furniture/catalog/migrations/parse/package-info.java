/**
 * Scripts into the statements that run ({@link furniture.catalog.migrations.parse.ScriptSplitter}, Flyway's parser, the
 * one splitter) and each statement into operations ({@link furniture.catalog.migrations.parse.StatementParser},
 * JSqlParser), as a given server reads it ({@link furniture.catalog.migrations.parse.ServerVersion},
 * {@link furniture.catalog.migrations.parse.ExecutableComments}). No database.
 */
package furniture.catalog.migrations.parse;
