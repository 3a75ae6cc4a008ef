/**
 * The migration engine: {@code catalog db}'s commands on Flyway ({@link furniture.catalog.migrations.MigrationEngine} is
 * their one door), and their execution: {@code Upgrade} (Flyway's migrate, after {@code Preflight}), {@code Downgrade}
 * (the D scripts, run statement by statement), {@code Stamp}, {@code Restore}, {@code OfflineSql} ({@code --sql}),
 * {@code Lint}, and the callbacks that keep Flyway to the analysed statements.
 *
 * <p>Its parts, each a package:
 * <ul>
 *   <li>{@link furniture.catalog.migrations.operation}: the one model of a migration step, its inverses, what it
 *       destroys and what it needs;</li>
 *   <li>{@link furniture.catalog.migrations.parse}: scripts into statements (Flyway's own splitter) and statements into
 *       operations (JSqlParser);</li>
 *   <li>{@link furniture.catalog.migrations.schema}: the schema, read from a database or the model, and autogenerate
 *       (compare emits operations, rendering writes them);</li>
 *   <li>{@link furniture.catalog.migrations.guard}: the statements against today's rows: losses, backups, data
 *       checks;</li>
 *   <li>{@link furniture.catalog.migrations.lint}: the rules of {@code catalog db lint};</li>
 *   <li>{@link furniture.catalog.migrations.lock}: the cluster-wide lease and Flyway's own lock;</li>
 *   <li>{@link furniture.catalog.migrations.history}: Flyway's history table, the run marker, the database's state.</li>
 * </ul>
 */
package furniture.catalog.migrations;
