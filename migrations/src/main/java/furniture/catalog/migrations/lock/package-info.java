/** The migration locks: the cluster-wide lease every schema-changing command takes, and Flyway's per-server lock inside it. */
package furniture.catalog.migrations.lock;
