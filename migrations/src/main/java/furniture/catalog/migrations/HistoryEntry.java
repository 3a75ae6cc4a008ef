package furniture.catalog.migrations;

import java.time.Instant;

/**
 * One line of {@code history}: a migration this build knows, or a version the database has that this build does not.
 *
 * @param state applied, pending, baseline (counted as applied by a stamp or an adoption), failed, or unknown
 * @param checksumState ok, changed, or "-" when nothing ran here to compare
 */
public record HistoryEntry(int version, String description, String state, Instant appliedAt, String appliedBy,
        Integer executionMs, String checksumState, boolean head) {}
