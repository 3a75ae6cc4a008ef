package furniture.catalog.migrations.history;

import furniture.catalog.migrations.lock.MigrationLease;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the database says about its schema version, read without starting Flyway.
 *
 * @param historyExists whether Flyway's history table is there
 * @param rows the history rows, every one of them, in the order they were written
 * @param alembicRevision Flask-Migrate's revision, when the database has no Flyway history yet but an
 *     {@code alembic_version} table
 * @param userTables the schema's tables other than the bookkeeping ones
 * @param run the migration that stopped partway (failed, or its process killed), if one did, or the one running now
 * @param lock who holds the migration lock, if anyone
 */
public record DatabaseState(boolean historyExists, List<AppliedMigration> rows, Optional<String> alembicRevision,
        List<String> userTables, Optional<RunMarker.Run> run, Optional<MigrationLease.Holder> lock) {

    /** What the database on {@code c} says of its schema version now. */
    public static DatabaseState read(java.sql.Connection c) throws java.sql.SQLException {
        SchemaHistory history = new SchemaHistory(c);
        boolean exists = history.exists();
        return new DatabaseState(exists, history.rows(), exists ? Optional.empty() : history.alembicRevision(), history.userTables(),
                new RunMarker(c).current(), furniture.catalog.migrations.lock.MigrationLease.holder(c));
    }

    /**
     * The run marker belongs to a migration that is running now: the process that wrote it holds a live migration lock
     * that it took before writing it (a marker older than the lease is a stopped migration's, even from the same pid).
     */
    public boolean running() {
        return run.isPresent() && lock.isPresent() && !lock.get().expired() && lock.get().pid() == run.get().pid()
                && lock.get().host().equals(run.get().host()) && !run.get().startedAt().isBefore(lock.get().acquiredAt());
    }

    /**
     * The rows that count, read as Flyway reads them: a DELETE row cancels the latest earlier row of its version (a
     * script's or a failure's, never a baseline) and counts for nothing itself. The cancelled rows stay in
     * {@link #rows()}: the history keeps them.
     */
    public List<AppliedMigration> live() {
        List<AppliedMigration> live = new ArrayList<>();
        for (AppliedMigration row : rows) {
            if (!row.cancels()) {
                live.add(row);
            } else if (row.success()) {
                for (int i = live.size() - 1; i >= 0; i--) {
                    AppliedMigration earlier = live.get(i);
                    if (!earlier.baseline() && Objects.equals(earlier.version(), row.version())) {
                        live.remove(i);
                        break;
                    }
                }
            }
        }
        return live;
    }

    /** The version reached: the highest successfully applied or baselined version, 0 for base. */
    public int version() {
        return live().stream().filter(AppliedMigration::success).mapToInt(AppliedMigration::versionNumber).max().orElse(0);
    }

    public List<AppliedMigration> failed() {
        return live().stream().filter(r -> !r.success()).toList();
    }

    /** Whether this is a Flask-Migrate database that Flyway has not taken over yet. */
    public boolean awaitingAdoption() {
        return !historyExists && alembicRevision.isPresent();
    }

    /** The row that applied {@code version} by running its script, if it counts now. */
    public Optional<AppliedMigration> applied(int version) {
        return live().stream().filter(r -> r.success() && r.versionNumber() == version && !r.baseline()).reduce((a, b) -> b);
    }

    /**
     * The baseline that counts (stamp or adoption), if any: versions up to it count as applied without having run here.
     * As for Flyway, the highest one.
     */
    public Optional<AppliedMigration> baseline() {
        return rows.stream().filter(AppliedMigration::baseline).max(Comparator.comparingInt(AppliedMigration::versionNumber));
    }
}
