package furniture.catalog.migrations.history;

import java.time.Instant;
import java.util.List;

/**
 * One line of {@code history}: a migration this build knows, or a version the database has that this build does not.
 *
 * @param state applied, pending, stamped (counted as applied by {@code catalog db stamp}), adopted (counted by the
 *     adoption of a Flask-Migrate database), baseline (counted by a baseline Flyway wrote), failed, unknown, or a
 *     stopped run ("upgrade interrupted", …)
 * @param appliedAt when the row behind {@code state} was written (applied, stamped, failed); null when pending
 * @param checksumState ok, changed, or "-" when nothing ran here to compare
 * @param earlier what happened to this version before, oldest first: applied, failed, downgraded, unapplied by a stamp
 */
public record HistoryEntry(int version, String description, String state, Instant appliedAt, String appliedBy,
        Integer executionMs, String checksumState, boolean head, List<Event> earlier) {

    public HistoryEntry {
        earlier = List.copyOf(earlier);
    }

    /**
     * One row of the history about this version.
     *
     * @param what applied, failed, downgraded, or unapplied by a stamp
     */
    public record Event(String what, Instant at, String by, Integer executionMs) {}
}
