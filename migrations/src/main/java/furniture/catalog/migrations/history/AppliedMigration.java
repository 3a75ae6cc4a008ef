package furniture.catalog.migrations.history;

import java.time.Instant;

/**
 * One row of Flyway's {@code flyway_schema_history}.
 *
 * @param version the version as Flyway stored it (null for rows without one)
 * @param type SQL (a script that ran), BASELINE (versions up to it counted as applied: a stamp, an adoption), DELETE
 *     (the latest earlier row of its version no longer counts: written by a stamp below it, as Flyway's repair does)
 */
public record AppliedMigration(int rank, String version, String description, String type, String script,
        Integer checksum, String installedBy, Instant installedOn, int executionTimeMs, boolean success) {

    /** The version as a number, or -1 when it is absent or not a plain number. */
    public int versionNumber() {
        if (version == null || !version.matches("\\d{1,9}")) {
            return -1;
        }
        return Integer.parseInt(version);
    }

    public boolean baseline() {
        return "BASELINE".equals(type);
    }

    /** A row that cancels the latest earlier row of its version (Flyway's DELETE type); it is no migration itself. */
    public boolean cancels() {
        return "DELETE".equals(type);
    }

    /** A baseline that a stamp wrote, rather than an adoption or the creation of the history. */
    public boolean stamp() {
        return baseline() && SchemaHistory.STAMP_DESCRIPTION.equals(description);
    }
}
