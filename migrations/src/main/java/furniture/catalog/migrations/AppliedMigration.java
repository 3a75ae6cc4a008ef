package furniture.catalog.migrations;

import java.time.Instant;

/**
 * One row of Flyway's {@code flyway_schema_history}.
 *
 * @param version the version as Flyway stored it (null for rows without one)
 * @param type SQL, BASELINE, …
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
}
