/**
 * The pending statements against today's rows, before any runs ({@link furniture.catalog.migrations.guard.DataGuard}):
 * the data each destroys, counted and backed up exactly, and each that the rows would make fail, with the first
 * offending keys.
 */
package furniture.catalog.migrations.guard;
