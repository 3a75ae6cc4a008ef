package furniture.catalog.migrations;

import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.history.RunMarker;
import furniture.catalog.migrations.history.SchemaHistory;
import furniture.catalog.migrations.lock.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** {@code downgrade}: the D scripts, under the migration lock, behind the data-loss guard and its backup. */
final class Downgrade {
    static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final MigrationContext ctx;

    Downgrade(MigrationContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Runs downgrade scripts down to {@code target}: {@code -N} steps, a version, an Alembic revision or {@code base}.
     * Refuses when a script would drop data, unless {@code allowDataLoss}; then that data goes to a backup file first.
     */
    MigrationEngine.DowngradeResult downgrade(String target, boolean allowDataLoss, Consumer<Step> progress) {
        MigrationSet set = ctx.migrations();
        try (Connection c = ctx.connector().connect()) {
            DatabaseState state = MigrationContext.state(c);
            Status.problem(set, state).ifPresent(p -> {
                throw MigrationException.failure(p);
            });
            if (state.awaitingAdoption()) {
                throw MigrationException.failure("database is managed by Flask-Migrate; run `catalog db upgrade` to adopt it first");
            }
            int current = state.version();
            int targetVersion = downgradeTarget(set, current, target == null ? "-1" : target.trim());
            List<Migration> plan = new ArrayList<>(set.between(targetVersion, current));
            java.util.Collections.reverse(plan);

            Preflight preflight = Preflight.of(ctx, c, "downgrade", plan, true);
            preflight.refuse(targetVersion == 0 ? "base" : Integer.toString(targetVersion), allowDataLoss);
            preflight.notice();
            java.util.Map<String, List<furniture.catalog.migrations.guard.DataGuard.Loss>> losses = preflight.lossesByScript();

            List<Step> steps = new ArrayList<>();
            BackupFile backup = null;
            try (MigrationLock lock = MigrationLock.acquire(c)) {
                if (MigrationContext.state(c).version() != current) {
                    throw MigrationException.failure("the database changed version while this downgrade waited for the lock; run it again");
                }
                if (!losses.isEmpty()) {
                    backup = BackupFile.create(ctx.backupDir(), c.getCatalog(), current, targetVersion, ctx.clock().instant(),
                            c.getCatalog() + "-downgrade-" + current + "-to-" + (targetVersion == 0 ? "base" : targetVersion) + "-"
                                    + BACKUP_STAMP.format(ctx.clock().instant()) + ".sql");
                }
                SchemaHistory history = new SchemaHistory(c);
                for (Migration m : plan) {
                    long start = System.nanoTime();
                    furniture.catalog.migrations.parse.AnalysedScript script = preflight.script(m.downgradeScript());
                    List<furniture.catalog.migrations.guard.DataGuard.Loss> stepLosses = losses.getOrDefault(m.downgradeScript(), List.of());
                    // From the backup to the statements, the step's tables are write-locked: a write lands before the backup
                    // (and is in it) or waits and then fails on the changed table; none can fall between the two.
                    RunMarker marker = new RunMarker(c);
                    marker.begin("downgrade", m.version(), m.downgradeScript(), script.statements().size());
                    boolean locked = !stepLosses.isEmpty() && lockTables(c, Preflight.tablesTouched(c, script));
                    try {
                        if (!stepLosses.isEmpty()) {
                            preflight.backUp(backup, "the downgrade of " + m.label(), stepLosses);
                        }
                        try (Statement s = c.createStatement()) {
                            for (furniture.catalog.migrations.parse.AnalysedStatement statement : script.statements()) {
                                // A narrowing allowed and backed up runs with strict mode off, so the server cuts what it
                                // cannot hold instead of failing halfway (as the upgrade's StatementCallback does).
                                boolean notStrict = allowDataLoss && preflight.narrowsAllowed(statement);
                                if (notStrict) {
                                    s.execute("SET @catalog_sql_mode = @@SESSION.sql_mode, SESSION sql_mode = "
                                            + "REPLACE(REPLACE(@@SESSION.sql_mode, 'STRICT_TRANS_TABLES', ''), 'STRICT_ALL_TABLES', '')");
                                }
                                try {
                                    s.execute(statement.statement().sql());
                                } finally {
                                    if (notStrict) {
                                        s.execute("SET SESSION sql_mode = @catalog_sql_mode");
                                    }
                                }
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
                    history.cancelFrom(m.version(), ctx.installedBy());
                    int previous = set.previous(m.version());
                    if (previous > 0 && MigrationContext.state(c).version() < previous) {
                        // The versions below were counted by a baseline (stamp, adoption): keep counting them.
                        history.insertBaseline(previous, ctx.installedBy());
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
            return new MigrationEngine.DowngradeResult(steps, Optional.ofNullable(backup).map(BackupFile::path));
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    static int downgradeTarget(MigrationSet set, int current, String t) {
        if (t.startsWith("-")) {
            int n = MigrationContext.steps(t);
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

}
