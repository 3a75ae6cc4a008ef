package furniture.catalog.migrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The {@code catalog db} workflow on Flyway: upgrade (Flyway's migrate), and what Flyway Community lacks — downgrade
 * through the {@code D<n>__*.sql} scripts, stamp, current, history, check — done here on Flyway's own history table
 * and under Flyway's own lock. Read-only commands do not start Flyway at all, which keeps them fast.
 */
public final class MigrationEngine {
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DatabaseConnector connector;
    private final ScriptSource source;
    private final String installedBy;
    private final Path backupDir;
    private final Clock clock;
    private MigrationSet migrations;

    public MigrationEngine(DatabaseConnector connector, ScriptSource source, String installedBy, Path backupDir, Clock clock) {
        this.connector = connector;
        this.source = source;
        this.installedBy = installedBy;
        this.backupDir = backupDir;
        this.clock = clock;
    }

    /** The migrations of this build; fails when the scripts themselves are inconsistent. */
    public MigrationSet migrations() {
        if (migrations == null) {
            migrations = MigrationSet.load(source);
        }
        return migrations;
    }

    public DatabaseState state() {
        try (Connection c = connector.connect()) {
            return state(c);
        } catch (SQLException e) {
            throw connector.explain(e);
        }
    }

    private static DatabaseState state(Connection c) throws SQLException {
        SchemaHistory history = new SchemaHistory(c);
        boolean exists = history.exists();
        return new DatabaseState(exists, history.rows(), exists ? Optional.empty() : history.alembicRevision(), history.userTables(),
                new RunMarker(c).current());
    }

    // ---------------------------------------------------------------- current, history, check

    /** One line: the version the database is at, marked (head) or with the number pending. */
    public String current() {
        MigrationSet set = migrations();
        DatabaseState state = state();
        if (state.awaitingAdoption()) {
            String revision = state.alembicRevision().get();
            return "not under Flyway yet: Flask-Migrate's alembic_version says " + revision
                    + set.byAlembicRevision(revision).map(m -> " (= version " + m.version() + ")").orElse(" (unknown to this build)")
                    + "; `catalog db upgrade` adopts it";
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

    public List<HistoryEntry> history() {
        MigrationSet set = migrations();
        DatabaseState state = state();
        int baseline = state.baseline().map(AppliedMigration::versionNumber).orElse(0);
        List<HistoryEntry> entries = new ArrayList<>();
        for (Migration m : set.all()) {
            boolean head = m.version() == set.head();
            Optional<AppliedMigration> failed = state.failed().stream().filter(r -> r.versionNumber() == m.version()).findFirst();
            Optional<AppliedMigration> applied = state.applied(m.version());
            Optional<RunMarker.Run> run = state.run().filter(r -> r.version() == m.version());
            if (run.isPresent()) {
                String stopped = run.get().direction() + (run.get().error() == null ? " interrupted" : " failed");
                AppliedMigration r = applied.orElse(null);
                entries.add(new HistoryEntry(m.version(), m.description(), stopped, r == null ? null : r.installedOn(),
                        r == null ? null : r.installedBy(), r == null ? null : r.executionTimeMs(), r == null ? "-" : checksumState(m, r), head));
            } else if (failed.isPresent()) {
                AppliedMigration r = failed.get();
                entries.add(new HistoryEntry(m.version(), m.description(), "failed", r.installedOn(), r.installedBy(), r.executionTimeMs(), checksumState(m, r), head));
            } else if (applied.isPresent()) {
                AppliedMigration r = applied.get();
                entries.add(new HistoryEntry(m.version(), m.description(), "applied", r.installedOn(), r.installedBy(), r.executionTimeMs(), checksumState(m, r), head));
            } else if (m.version() <= baseline) {
                AppliedMigration r = state.baseline().get();
                entries.add(new HistoryEntry(m.version(), m.description(), "baseline", r.installedOn(), r.installedBy(), null, "-", head));
            } else {
                entries.add(new HistoryEntry(m.version(), m.description(), "pending", null, null, null, "-", head));
            }
        }
        for (AppliedMigration r : state.rows()) {
            int v = r.versionNumber();
            if (r.version() != null && set.find(v).isEmpty() && !(r.baseline() && v == 0)) {
                entries.add(new HistoryEntry(v, r.description(), "unknown", r.installedOn(), r.installedBy(), r.executionTimeMs(), "-", false));
            }
        }
        return entries;
    }

    private static String checksumState(Migration m, AppliedMigration row) {
        if (row.checksum() == null) {
            return "-";
        }
        return row.checksum() == m.checksum() ? "ok" : "changed";
    }

    /** Exactly at head with valid checksums, or one line that says why not. */
    public CheckResult check() {
        MigrationSet set;
        try {
            set = migrations();
        } catch (MigrationException e) {
            return new CheckResult(false, e.getMessage());
        }
        DatabaseState state = state();
        Optional<String> problem = problem(set, state);
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
                    + ", head is " + set.head() + "; run `catalog db upgrade`";
            return new CheckResult(false, why, version, pending.size());
        }
        return new CheckResult(true, "at head (" + set.head() + "), checksums valid", version, 0);
    }

    /** A state no command should build on: failed, unknown or altered migrations, or tables nobody tracks. */
    private static Optional<String> problem(MigrationSet set, DatabaseState state) {
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

    // ---------------------------------------------------------------- upgrade

    /**
     * Migrates to {@code target}: {@code head}, a version, an Alembic revision, or {@code +N} steps. A Flask-Migrate
     * database is first adopted: its revision is recorded as Flyway's baseline, and no DDL runs for it.
     */
    public List<Step> upgrade(String target, Consumer<Step> progress) {
        MigrationSet set = migrations();
        List<Step> steps = new ArrayList<>();
        DatabaseState state = state();
        problem(set, state).ifPresent(p -> {
            throw MigrationException.failure(p);
        });
        int targetVersion = upgradeTarget(set, state, target);
        if (state.awaitingAdoption()) {
            Step adopted = adopt(set, state.alembicRevision().get());
            steps.add(adopted);
            progress.accept(adopted);
            state = state();
        }
        int current = state.version();
        if (targetVersion < current) {
            throw MigrationException.usage("the database is at " + current + ", past " + targetVersion
                    + "; use `catalog db downgrade " + targetVersion + "` to go back");
        }
        if (targetVersion == current) {
            return steps;
        }
        MigrateResult result;
        // The run marker is written on a connection of its own, in autocommit: on Flyway's, a kill would roll it back.
        try (Connection markerConnection = connector.connect()) {
            result = flyway(set).callbacks(new RunMarkerCallback(set, new RunMarker(markerConnection)))
                    .target(Integer.toString(targetVersion)).load().migrate();
        } catch (FlywayException e) {
            recordFailure(firstLine(e.getMessage()));
            throw MigrationException.failure("upgrade failed: " + firstLine(e.getMessage()), e);
        } catch (SQLException e) {
            throw connector.explain(e);
        }
        for (MigrateOutput out : result.migrations) {
            Step step = new Step("applied", Integer.parseInt(out.version), out.description, out.executionTime);
            steps.add(step);
            progress.accept(step);
        }
        return steps;
    }

    private int upgradeTarget(MigrationSet set, DatabaseState state, String target) {
        String t = target == null ? "head" : target.trim();
        if (t.startsWith("+")) {
            int n = steps(t);
            int from = state.awaitingAdoption()
                    ? set.byAlembicRevision(state.alembicRevision().get()).map(Migration::version).orElse(0)
                    : state.version();
            List<Migration> pending = set.between(from, set.head());
            if (n > pending.size()) {
                throw MigrationException.usage("cannot go up " + n + (n == 1 ? " step" : " steps") + ": only "
                        + pending.size() + " pending above " + (from == 0 ? "base" : from));
            }
            return pending.get(n - 1).version();
        }
        if (t.startsWith("-")) {
            throw MigrationException.usage("upgrade goes up: use +N, or `catalog db downgrade " + t + "`");
        }
        return set.resolve(t);
    }

    private static int steps(String token) {
        String digits = token.substring(1);
        if (!digits.matches("\\d{1,6}")) {
            throw MigrationException.usage("'" + token + "' is not a number of steps");
        }
        int n = Integer.parseInt(digits);
        if (n == 0) {
            throw MigrationException.usage(token + " is not a step: use " + token.charAt(0) + "1 or more");
        }
        return n;
    }

    private Step adopt(MigrationSet set, String revision) {
        Migration m = set.byAlembicRevision(revision).orElseThrow(() -> MigrationException.failure(
                "cannot adopt: Flask-Migrate's revision " + revision + " is none of the Python original's revisions this build reproduces"));
        long start = System.nanoTime();
        try {
            flyway(set).baselineVersion(Integer.toString(m.version()))
                    .baselineDescription("adopted from Flask-Migrate " + revision).load().baseline();
        } catch (FlywayException e) {
            throw MigrationException.failure("adoption failed: " + firstLine(e.getMessage()), e);
        }
        return new Step("adopted Flask-Migrate revision " + revision + " as", m.version(), m.description(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway(MigrationSet set) {
        return Flyway.configure()
                .dataSource(connector.url(), connector.user(), connector.password())
                .locations(set.source().flywayLocation())
                .installedBy(installedBy)
                .cleanDisabled(true)
                .validateMigrationNaming(false)
                .skipDefaultCallbacks(true)
                .connectRetries(0);
    }

    // ---------------------------------------------------------------- downgrade

    /**
     * Runs downgrade scripts down to {@code target}: {@code -N} steps, a version, an Alembic revision or {@code base}.
     * Refuses when a script would drop data, unless {@code allowDataLoss}; then that data goes to a backup file first.
     */
    public DowngradeResult downgrade(String target, boolean allowDataLoss, Consumer<Step> progress) {
        MigrationSet set = migrations();
        try (Connection c = connector.connect()) {
            DatabaseState state = state(c);
            problem(set, state).ifPresent(p -> {
                throw MigrationException.failure(p);
            });
            if (state.awaitingAdoption()) {
                throw MigrationException.failure("database is managed by Flask-Migrate; run `catalog db upgrade` to adopt it first");
            }
            int current = state.version();
            int targetVersion = downgradeTarget(set, current, target == null ? "-1" : target.trim());
            List<Migration> plan = new ArrayList<>(set.between(targetVersion, current));
            java.util.Collections.reverse(plan);

            DataLossGuard guard = new DataLossGuard(c);
            List<DataLossGuard.Loss> losses = new ArrayList<>();
            for (Migration m : plan) {
                losses.addAll(guard.losses(m.version(), SqlScript.statements(set.source().read(m.downgradeScript()))));
            }
            // A column lost on the way to dropping its whole table is part of that table's loss.
            java.util.Set<String> droppedTables = losses.stream().filter(l -> l.column() == null).map(DataLossGuard.Loss::table)
                    .collect(Collectors.toSet());
            losses.removeIf(l -> l.column() != null && droppedTables.contains(l.table()));
            if (!losses.isEmpty() && !allowDataLoss) {
                throw MigrationException.failure("downgrade to " + (targetVersion == 0 ? "base" : targetVersion) + " would drop "
                        + losses.stream().map(DataLossGuard.Loss::describe).collect(Collectors.joining(", "))
                        + "; rerun with --allow-data-loss to write those rows to a backup file first");
            }

            List<Step> steps = new ArrayList<>();
            BackupFile backup = null;
            try (MigrationLock lock = MigrationLock.acquire(c)) {
                if (state(c).version() != current) {
                    throw MigrationException.failure("the database changed version while this downgrade waited for the lock; run it again");
                }
                if (!losses.isEmpty()) {
                    backup = BackupFile.create(backupDir, c.getCatalog(), current, targetVersion, clock.instant(),
                            c.getCatalog() + "-downgrade-" + current + "-to-" + (targetVersion == 0 ? "base" : targetVersion) + "-"
                                    + BACKUP_STAMP.format(clock.instant()) + ".sql");
                }
                SchemaHistory history = new SchemaHistory(c);
                java.util.Set<String> backedUp = new java.util.HashSet<>();
                for (Migration m : plan) {
                    long start = System.nanoTime();
                    List<String> statements = SqlScript.statements(set.source().read(m.downgradeScript()));
                    List<DataLossGuard.Loss> stepLosses = guard.losses(m.version(), statements);
                    // Each table is saved once, whole, before the first step that loses any of its data.
                    stepLosses.removeIf(l -> !backedUp.add(l.table()));
                    // From the backup to the drop, the step's tables are write-locked: a write lands before the backup
                    // (and is in it) or waits and then fails on the changed table; none can fall between the two.
                    RunMarker marker = new RunMarker(c);
                    marker.begin("downgrade", m.version(), m.downgradeScript(), statements.size());
                    boolean locked = !stepLosses.isEmpty() && lockTables(c, guard.tablesTouched(statements));
                    try {
                        if (!stepLosses.isEmpty()) {
                            appendBackup(backup, guard, m, stepLosses);
                        }
                        try (Statement s = c.createStatement()) {
                            for (String sql : statements) {
                                s.execute(sql);
                                marker.statementDone();
                            }
                        } catch (SQLException e) {
                            marker.failed(e.getMessage());
                            throw MigrationException.failure("downgrade of " + m.label() + " failed: " + e.getMessage()
                                    + "; the database is left between " + m.version() + " and " + set.previous(m.version())
                                    + ", with part of " + m.downgradeScript() + " run; `catalog db check` says how to recover", e);
                        }
                    } finally {
                        if (locked) {
                            try (Statement s = c.createStatement()) {
                                s.execute("UNLOCK TABLES");
                            }
                        }
                    }
                    history.deleteFrom(m.version());
                    int previous = set.previous(m.version());
                    if (previous > 0 && state(c).version() < previous) {
                        // The versions below were counted by a baseline (stamp, adoption): keep counting them.
                        history.insertBaseline(previous, installedBy);
                    }
                    new RunMarker(c).clear();
                    Step step = new Step("reverted", m.version(), m.description(), (System.nanoTime() - start) / 1_000_000);
                    steps.add(step);
                    progress.accept(step);
                }
            }
            if (backup != null) {
                backup.finish();
            }
            return new DowngradeResult(steps, Optional.ofNullable(backup).map(BackupFile::path));
        } catch (SQLException e) {
            throw connector.explain(e);
        }
    }

    private static int downgradeTarget(MigrationSet set, int current, String t) {
        if (t.startsWith("-")) {
            int n = steps(t);
            List<Migration> applied = set.between(0, current);
            if (n > applied.size()) {
                throw MigrationException.usage("cannot go down " + n + (n == 1 ? " step" : " steps") + ": the database is at "
                        + (current == 0 ? "base" : current) + ", " + applied.size() + (applied.size() == 1 ? " step" : " steps") + " above base");
            }
            return n == applied.size() ? 0 : applied.get(applied.size() - n - 1).version();
        }
        if (t.startsWith("+")) {
            throw MigrationException.usage("downgrade goes down: use -N, or `catalog db upgrade " + t + "`");
        }
        int version = set.resolve(t);
        if (version >= current) {
            throw MigrationException.usage("the database is at " + (current == 0 ? "base" : current) + ", not above "
                    + (version == 0 ? "base" : version) + (version > current ? "; use `catalog db upgrade " + version + "`" : ""));
        }
        return version;
    }

    private static boolean lockTables(Connection c, java.util.Set<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            // The run marker is written while the tables are locked, so it is locked with them.
            s.execute("LOCK TABLES " + java.util.stream.Stream.concat(tables.stream(), java.util.stream.Stream.of(RunMarker.TABLE))
                    .map(t -> "`" + t + "` WRITE").collect(Collectors.joining(", ")));
        }
        return true;
    }

    private static void appendBackup(BackupFile file, DataLossGuard guard, Migration m, List<DataLossGuard.Loss> losses) {
        file.append(out -> {
            out.write("-- before the downgrade of " + m.label() + "\n");
            for (String table : DataLossGuard.tablesOf(losses)) {
                boolean whole = losses.stream().anyMatch(l -> l.table().equals(table) && l.column() == null);
                java.util.Set<String> columns = whole ? java.util.Set.of() : losses.stream().filter(l -> l.table().equals(table))
                        .map(DataLossGuard.Loss::column).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
                guard.backup(table, columns, out);
            }
        });
    }

    // ---------------------------------------------------------------- restore

    /**
     * Runs a backup file the data-loss guard wrote, in one transaction, after checking that the database is at the
     * version whose schema the rows fit. Returns how many rows it wrote.
     */
    public long restore(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MigrationException.usage("cannot read " + file + ": " + e.getMessage());
        }
        BackupFile.Header header = BackupFile.header(text).orElseThrow(() -> MigrationException.usage(file
                + " is not a backup written by catalog db downgrade (no '-- catalog-backup:' line)"));
        MigrationSet set = migrations();
        try (Connection c = connector.connect()) {
            int version = state(c).version();
            if (version != header.from()) {
                throw MigrationException.failure("the backup holds rows of version " + header.from() + " and the database is at "
                        + (version == 0 ? "base" : version) + "; run `catalog db " + (version < header.from() ? "upgrade" : "downgrade")
                        + " " + header.from() + "` first" + (set.find(header.from()).isEmpty() ? " (this build does not know "
                        + header.from() + ")" : ""));
            }
            try {
                return BackupFile.replay(c, text);
            } catch (SQLException e) {
                throw MigrationException.failure("restoring " + file + " failed, nothing was written: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw connector.explain(e);
        }
    }

    /** Puts Flyway's error into the run marker its callback left, for check and current to report. */
    private void recordFailure(String message) {
        try (Connection c = connector.connect()) {
            RunMarker marker = new RunMarker(c);
            if (marker.current().isPresent()) {
                marker.failed(message);
            }
        } catch (SQLException | RuntimeException ignored) {
            // The upgrade's own error is what the caller needs; the marker still says the migration stopped.
        }
    }

    // ---------------------------------------------------------------- stamp

    /** Records {@code target} as the current version without running any DDL. */
    public int stamp(String target) {
        MigrationSet set = migrations();
        int version = set.resolve(target);
        try (Connection c = connector.connect()) {
            SchemaHistory history = new SchemaHistory(c);
            if (!history.exists()) {
                try {
                    flyway(set).baselineVersion(Integer.toString(version)).load().baseline();
                } catch (FlywayException e) {
                    throw MigrationException.failure("stamp failed: " + firstLine(e.getMessage()), e);
                }
                return version;
            }
            try (MigrationLock lock = MigrationLock.acquire(c)) {
                history.deleteAll();
                if (version > 0) {
                    history.insertBaseline(version, installedBy);
                }
                new RunMarker(c).clear();
            }
            return version;
        } catch (SQLException e) {
            throw connector.explain(e);
        }
    }

    /** Flyway's first line, plus the database's own message when Flyway quotes one ("Message : Table ... exists"). */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String first = message.strip().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("-")).findFirst()
                .orElse(message.strip());
        String database = message.lines().map(String::strip).filter(l -> l.startsWith("Message")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
        return database.isEmpty() || first.contains(database) ? first : first + ": " + database;
    }

    /** What a downgrade did: the steps, and the backup file when data had to be saved. */
    public record DowngradeResult(List<Step> steps, Optional<Path> backup) {}
}
