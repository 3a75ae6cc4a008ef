package furniture.catalog.migrations;

import furniture.catalog.migrations.history.AppliedMigration;
import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.history.HistoryEntry;
import furniture.catalog.migrations.history.RunMarker;
import furniture.catalog.migrations.history.SchemaHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code current}, {@code history}, {@code check}: what the database says of its schema, read without Flyway. */
final class Status {
    private final MigrationContext ctx;

    Status(MigrationContext ctx) {
        this.ctx = ctx;
    }

    /** One line: the version the database is at, marked (head) or with the number pending. */
    String current() {
        MigrationSet set = ctx.migrations();
        DatabaseState state = ctx.state();
        if (state.awaitingAdoption()) {
            String revision = state.alembicRevision().get();
            return "not under Flyway yet: Flask-Migrate's alembic_version says " + revision
                    + set.byAlembicRevision(revision).map(m -> " (= version " + m.version() + ")").orElse(" (unknown to this build)")
                    + "; `catalog db upgrade` adopts it";
        }
        if (state.running()) {
            RunMarker.Run run = state.run().get();
            return state.version() + " - " + run.direction() + " of " + run.version() + " RUNNING now, by "
                    + state.lock().get().describe();
        }
        if (state.run().isPresent()) {
            RunMarker.Run run = state.run().get();
            return state.version() + " - " + run.direction() + " of " + run.version() + (run.error() == null ? " INTERRUPTED" : " FAILED")
                    + " partway; run `catalog db check` for how to recover";
        }
        if (!state.failed().isEmpty()) {
            AppliedMigration failed = state.failed().get(0);
            return failed.version() + " (" + failed.description() + ") FAILED partway; run `catalog db check` for how to recover";
        }
        int version = state.version();
        String at = version == 0 ? "base (no migration applied)" : set.find(version).map(Migration::label)
                .orElse(version + " (unknown to this build)");
        if (set.find(version).isEmpty() && version != 0) {
            return at + ": this build knows up to " + set.head();
        }
        List<Migration> pending = set.between(version, set.head());
        return pending.isEmpty() ? at + " (head)" : at + " - " + pending.size() + " pending";
    }

    List<HistoryEntry> history() {
        MigrationSet set = ctx.migrations();
        DatabaseState state = ctx.state();
        Optional<AppliedMigration> baselineRow = state.baseline();
        int baseline = baselineRow.map(AppliedMigration::versionNumber).orElse(0);
        List<HistoryEntry> entries = new ArrayList<>();
        for (Migration m : set.all()) {
            boolean head = m.version() == set.head();
            Optional<AppliedMigration> failed = state.failed().stream().filter(r -> r.versionNumber() == m.version()).findFirst();
            Optional<AppliedMigration> applied = state.applied(m.version());
            Optional<AppliedMigration> current = run(state, m).isPresent() ? applied : failed.or(() -> applied);
            List<HistoryEntry.Event> earlier = earlier(state, m.version(), current.orElse(null));
            Optional<RunMarker.Run> run = run(state, m);
            if (run.isPresent()) {
                String stopped = run.get().direction() + (state.running() ? " running" : run.get().error() == null ? " interrupted" : " failed");
                AppliedMigration r = applied.orElse(null);
                entries.add(new HistoryEntry(m.version(), m.description(), stopped, r == null ? null : r.installedOn(),
                        r == null ? null : r.installedBy(), r == null ? null : r.executionTimeMs(), r == null ? "-" : checksumState(m, r),
                        head, earlier));
            } else if (current.isPresent()) {
                AppliedMigration r = current.get();
                entries.add(new HistoryEntry(m.version(), m.description(), r.success() ? "applied" : "failed", r.installedOn(),
                        r.installedBy(), r.executionTimeMs(), checksumState(m, r), head, earlier));
            } else if (m.version() <= baseline) {
                AppliedMigration r = baselineRow.get();
                String how = r.stamp() ? "stamped" : r.description().startsWith("adopted from Flask-Migrate") ? "adopted" : "baseline";
                entries.add(new HistoryEntry(m.version(), m.description(), how, r.installedOn(), r.installedBy(), null, "-", head, earlier));
            } else {
                entries.add(new HistoryEntry(m.version(), m.description(), "pending", null, null, null, "-", head, earlier));
            }
        }
        for (AppliedMigration r : state.live()) {
            int v = r.versionNumber();
            if (r.version() != null && set.find(v).isEmpty() && !(r.baseline() && v == 0)) {
                entries.add(new HistoryEntry(v, r.description(), "unknown", r.installedOn(), r.installedBy(), r.executionTimeMs(), "-",
                        false, List.of()));
            }
        }
        return entries;
    }

    private static Optional<RunMarker.Run> run(DatabaseState state, Migration m) {
        return state.run().filter(r -> r.version() == m.version());
    }

    /** The rows about {@code version} before {@code current} (the one its state comes from), oldest first. */
    private static List<HistoryEntry.Event> earlier(DatabaseState state, int version, AppliedMigration current) {
        List<HistoryEntry.Event> events = new ArrayList<>();
        for (AppliedMigration r : state.rows()) {
            if (r.versionNumber() != version || r.baseline() || r == current) {
                continue;
            }
            String what = r.cancels() ? (SchemaHistory.STAMP_DESCRIPTION.equals(r.description()) ? "unapplied by a stamp" : "downgraded")
                    : r.success() ? "applied" : "failed";
            events.add(new HistoryEntry.Event(what, r.installedOn(), r.installedBy(), r.cancels() ? null : r.executionTimeMs()));
        }
        return events;
    }

    private static String checksumState(Migration m, AppliedMigration row) {
        if (row.checksum() == null) {
            return "-";
        }
        return row.checksum() == m.checksum() ? "ok" : "changed";
    }

    /** Exactly at head with valid checksums, or one line that says why not. */
    CheckResult check() {
        MigrationSet set;
        try {
            set = ctx.migrations();
        } catch (MigrationException e) {
            return new CheckResult(false, e.getMessage());
        }
        DatabaseState state = ctx.state();
        Optional<String> problem = Status.problem(set, state);
        if (problem.isPresent()) {
            return new CheckResult(false, problem.get(), state.version(), -1);
        }
        if (state.awaitingAdoption()) {
            return new CheckResult(false, "database is managed by Flask-Migrate (revision " + state.alembicRevision().get()
                    + "); run `catalog db upgrade` to adopt it");
        }
        int version = state.version();
        List<Migration> pending = set.between(version, set.head());
        if (!pending.isEmpty()) {
            String why = pending.size() + " pending (" + pending.stream().map(m -> Integer.toString(m.version()))
                    .collect(Collectors.joining(", ")) + "): the database is at " + (version == 0 ? "base" : version)
                    + ", head is " + set.head() + "; run `catalog db upgrade`" + Upgrade.placeholder(set, version, set.head())
                    .map(where -> " once the placeholder in " + where + " is written").orElse("");
            return new CheckResult(false, why, version, pending.size());
        }
        return new CheckResult(true, "at head (" + set.head() + "), checksums valid", version, 0);
    }

    /** A state no command should build on: failed, unknown or altered migrations, or tables nobody tracks. */
    static Optional<String> problem(MigrationSet set, DatabaseState state) {
        if (state.running()) {
            RunMarker.Run run = state.run().get();
            return Optional.of(run.direction() + " of " + run.version() + " (" + run.script() + ") is running now, by "
                    + state.lock().get().describe() + "; wait for it to finish");
        }
        if (state.run().isPresent()) {
            RunMarker.Run run = state.run().get();
            return Optional.of(run.describe(set.previous(run.version())));
        }
        if (!state.failed().isEmpty()) {
            AppliedMigration f = state.failed().get(0);
            int previous = set.previous(f.versionNumber());
            return Optional.of("migration " + f.version() + " (" + f.description() + ") failed partway: MySQL DDL is not "
                    + "transactional, so some of its statements may have run; compare the schema with " + f.script()
                    + ", undo them by hand (its downgrade script shows how) and run `catalog db stamp "
                    + (previous == 0 ? "base" : previous) + "`, or finish them by hand and run `catalog db stamp " + f.version() + "`");
        }
        int version = state.version();
        if (version > 0 && set.find(version).isEmpty()) {
            return Optional.of("database is at " + version + ", which this build does not know (it knows up to "
                    + set.head() + "); use the build that migrated it");
        }
        for (Migration m : set.all()) {
            Optional<AppliedMigration> row = state.applied(m.version());
            if (row.isPresent() && row.get().checksum() != null && row.get().checksum() != m.checksum()) {
                return Optional.of("applied migration " + m.version() + " changed after it ran (checksum "
                        + row.get().checksum() + " in the database, " + m.checksum() + " in " + m.script()
                        + "); restore the script as it was and put the change in a new revision");
            }
        }
        if (!state.historyExists() && state.alembicRevision().isEmpty() && !state.userTables().isEmpty()) {
            return Optional.of("database has tables (" + String.join(", ", state.userTables())
                    + ") but no migration history; `catalog db stamp VERSION` the version its schema matches");
        }
        return Optional.empty();
    }
}
