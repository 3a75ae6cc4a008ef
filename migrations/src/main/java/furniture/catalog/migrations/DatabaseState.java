package furniture.catalog.migrations;

import java.util.List;
import java.util.Optional;

/**
 * What the database says about its schema version, read without starting Flyway.
 *
 * @param historyExists whether Flyway's history table is there
 * @param rows the history rows
 * @param alembicRevision Flask-Migrate's revision, when the database has no Flyway history yet but an
 *     {@code alembic_version} table
 * @param userTables the schema's tables other than the bookkeeping ones
 * @param run the migration that stopped partway (failed, or its process killed), if one did, or the one running now
 * @param lock who holds the migration lock, if anyone
 */
public record DatabaseState(boolean historyExists, List<AppliedMigration> rows, Optional<String> alembicRevision,
        List<String> userTables, Optional<RunMarker.Run> run, Optional<MigrationLease.Holder> lock) {

    /**
     * The run marker belongs to a migration that is running now: the process that wrote it holds a live migration lock
     * that it took before writing it (a marker older than the lease is a stopped migration's, even from the same pid).
     */
    public boolean running() {
        return run.isPresent() && lock.isPresent() && !lock.get().expired() && lock.get().pid() == run.get().pid()
                && lock.get().host().equals(run.get().host()) && !run.get().startedAt().isBefore(lock.get().acquiredAt());
    }

    /** The version reached: the highest successfully applied or baselined version, 0 for base. */
    public int version() {
        return rows.stream().filter(AppliedMigration::success).mapToInt(AppliedMigration::versionNumber).max().orElse(0);
    }

    public List<AppliedMigration> failed() {
        return rows.stream().filter(r -> !r.success()).toList();
    }

    /** Whether this is a Flask-Migrate database that Flyway has not taken over yet. */
    public boolean awaitingAdoption() {
        return !historyExists && alembicRevision.isPresent();
    }

    /** The row that applied {@code version} by running its script, if any. */
    public Optional<AppliedMigration> applied(int version) {
        return rows.stream().filter(r -> r.success() && r.versionNumber() == version && !r.baseline()).findFirst();
    }

    /** The baseline row (stamp or adoption), if any: versions up to it count as applied without having run here. */
    public Optional<AppliedMigration> baseline() {
        return rows.stream().filter(AppliedMigration::baseline).findFirst();
    }
}
