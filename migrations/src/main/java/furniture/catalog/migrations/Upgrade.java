package furniture.catalog.migrations;

import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.history.RunMarker;
import furniture.catalog.migrations.history.SchemaHistory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/** {@code upgrade}: Flyway's migrate, after adopting a Flask-Migrate database; the run marker kept by a callback. */
final class Upgrade {
    private final MigrationContext ctx;
    private Preflight preflight;

    Upgrade(MigrationContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Migrates to {@code target}: {@code head}, a version, an Alembic revision, or {@code +N} steps. A Flask-Migrate
     * database is first adopted: its revision is recorded as Flyway's baseline, and no DDL runs for it.
     */
    List<Step> upgrade(String target, MigrationEngine.UpgradeOptions options, Consumer<Step> progress) {
        MigrationSet set = ctx.migrations();
        List<Step> steps = new ArrayList<>();
        DatabaseState state = ctx.state();
        Status.problem(set, state).ifPresent(p -> {
            throw MigrationException.failure(p);
        });
        int targetVersion = upgradeTarget(set, state, target);
        if (state.awaitingAdoption()) {
            Step adopted = adopt(set, state.alembicRevision().get());
            steps.add(adopted);
            progress.accept(adopted);
            state = ctx.state();
        }
        int current = state.version();
        if (targetVersion < current) {
            throw MigrationException.usage("the database is at " + current + ", past " + targetVersion
                    + "; use `catalog db downgrade " + targetVersion + "` to go back");
        }
        if (targetVersion == current) {
            return steps;
        }
        refusePlaceholders(set, current, targetVersion);
        StatementCallback analysed = prepare(set, current, targetVersion, options);
        if (!state.historyExists()) {
            createHistory(set);
        }
        MigrateResult result;
        // The run marker is written on a connection of its own, in autocommit: on Flyway's, a kill would roll it back.
        try (Connection markerConnection = ctx.connector().connect()) {
            result = ctx.flyway(set).callbacks(new RunMarkerCallback(preflight.scripts(), new RunMarker(markerConnection)), analysed)
                    .target(Integer.toString(targetVersion)).load().migrate();
        } catch (FlywayException e) {
            if (DatabaseConnector.connectionLost(e)) {
                // The marker cannot be written either; the next command reports the interrupted migration from it.
                throw MigrationException.failure("upgrade failed: the connection to the database at " + ctx.connector().where()
                        + " was lost (" + MigrationContext.firstLine(e.getMessage()) + "); once a database answers, `catalog db check` "
                        + "says what ran", e);
            }
            recordFailure(MigrationContext.firstLine(e.getMessage()));
            throw MigrationException.failure("upgrade failed: " + MigrationContext.firstLine(e.getMessage())
                    + "; `catalog db check` says what ran and how to recover", e);
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
        for (MigrateOutput out : result.migrations) {
            Step step = new Step("applied", Integer.parseInt(out.version), out.description, out.executionTime);
            steps.add(step);
            progress.accept(step);
        }
        return steps;
    }

    /** A pending script that still holds a value the generator could not know is not run: its author has to write it. */
    static void refusePlaceholders(MigrationSet set, int current, int targetVersion) {
        placeholder(set, current, targetVersion).ifPresent(where -> {
            throw MigrationException.failure("refusing to upgrade: " + where + " marks a placeholder that `catalog db migrate` wrote: "
                    + "write the real value for the rows already there, delete the line `" + PLACEHOLDER_MARK + " …`, then upgrade");
        });
    }

    private static final String PLACEHOLDER_MARK = "-- catalog:placeholder";

    /** The first placeholder in the scripts from {@code current} to {@code targetVersion}: "V8__x.sql line 9 (UPDATE …)". */
    static java.util.Optional<String> placeholder(MigrationSet set, int current, int targetVersion) {
        for (Migration m : set.between(current, targetVersion)) {
            List<String> lines = set.source().read(m.script()).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith(PLACEHOLDER_MARK)) {
                    String next = i + 1 < lines.size() ? lines.get(i + 1).strip() : "";
                    return java.util.Optional.of(m.script() + " line " + (i + 1) + " (" + next + ")");
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** True when the database is readable, needs no adoption and is already at {@code target}. */
    boolean nothingToDo(String target) {
        MigrationSet set = ctx.migrations();
        DatabaseState state = ctx.state();
        return Status.problem(set, state).isEmpty() && !state.awaitingAdoption()
                && upgradeTarget(set, state, target) == state.version();
    }

    static int upgradeTarget(MigrationSet set, DatabaseState state, String target) {
        String t = target == null ? "head" : target.trim();
        if (t.startsWith("+")) {
            int n = MigrationContext.steps(t);
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


    private Step adopt(MigrationSet set, String revision) {
        Migration m = set.byAlembicRevision(revision).orElseThrow(() -> MigrationException.failure(
                "cannot adopt: Flask-Migrate's revision " + revision + " is none of the Python original's revisions this build reproduces"));
        long start = System.nanoTime();
        try {
            ctx.flyway(set).baselineVersion(Integer.toString(m.version()))
                    .baselineDescription("adopted from Flask-Migrate " + revision).load().baseline();
        } catch (FlywayException e) {
            throw MigrationException.failure("adoption failed: " + MigrationContext.firstLine(e.getMessage()), e);
        }
        return new Step("adopted Flask-Migrate revision " + revision + " as", m.version(), m.description(),
                (System.nanoTime() - start) / 1_000_000);
    }


    /**
     * Everything before the first statement runs, on the statements that will run (Flyway's own split of the pending
     * scripts, read into operations): a statement nothing is known of is refused unless reviewed; one that today's rows
     * would make fail is refused, naming the first offending keys; every pending ALTER of a large table is tried on an
     * empty copy of it, and one that would copy the table or block its writes is refused unless
     * {@code allowTableCopy}; data the scripts would destroy is refused unless {@code allowDataLoss}, and then written
     * to a backup file (fsynced, 0600) first. Unlike a downgrade, the scripts run on Flyway's connection, so the tables
     * cannot be held locked from the backup to the statements: a write that lands in between is not in the file. Run
     * such an upgrade when nothing writes. Returns the callback that has Flyway run exactly these statements, each with
     * the session it needs.
     */
    private StatementCallback prepare(MigrationSet set, int current, int targetVersion, MigrationEngine.UpgradeOptions options) {
        try (Connection c = ctx.connector().connect()) {
            preflight = Preflight.of(ctx, c, "upgrade", set.between(current, targetVersion), false);
            preflight.refuse(Integer.toString(targetVersion), options.allowDataLoss());
            LargeTables tables = new LargeTables(c, ctx.largeTableRows());
            List<LargeTables.Alter> plan = tables.plan(preflight.scripts());
            List<LargeTables.Alter> blocking = plan.stream().filter(LargeTables.Alter::blocksWrites).toList();
            if (!blocking.isEmpty() && !options.allowTableCopy()) {
                throw MigrationException.failure("refusing to upgrade: " + blocking.get(0).describe()
                        + (blocking.size() > 1 ? " (and " + (blocking.size() - 1) + " more such statements)" : "")
                        + ", " + blocking.get(0).consequence() + "; rerun `catalog db upgrade` with --allow-table-copy at a quiet time, or "
                        + "write the migration so that the server can run it online");
            }
            plan.forEach(alter -> ctx.notice(alter.describe()));
            preflight.notice();
            java.util.Map<furniture.catalog.migrations.parse.ScriptStatement, StatementCallback.Settings> settings = new java.util.HashMap<>();
            for (LargeTables.Alter alter : plan) {
                if (alter.probeError() == null) {
                    settings.put(alter.statement(), new StatementCallback.Settings(alter.algorithm(), false));
                }
            }
            for (furniture.catalog.migrations.parse.AnalysedScript script : preflight.scripts()) {
                for (furniture.catalog.migrations.parse.AnalysedStatement s : script.statements()) {
                    if (options.allowDataLoss() && preflight.narrowsAllowed(s)) {
                        settings.merge(s.statement(), new StatementCallback.Settings(null, true),
                                (a, b) -> new StatementCallback.Settings(a.alterAlgorithm(), true));
                    }
                }
            }
            if (options.allowDataLoss() && !preflight.losses().isEmpty()) {
                java.time.Instant now = ctx.clock().instant();
                BackupFile backup = BackupFile.create(ctx.backupDir(), c.getCatalog(), current, targetVersion, now,
                        c.getCatalog() + "-upgrade-" + (current == 0 ? "base" : current) + "-to-" + targetVersion + "-"
                                + Downgrade.BACKUP_STAMP.format(now) + ".sql", "upgrade");
                preflight.lossesByScript().forEach((file, losses) -> preflight.backUp(backup, preflight.script(file).label(), losses));
                backup.finish();
                Path here = Path.of("").toAbsolutePath();
                Path saved = backup.path().toAbsolutePath().normalize();
                ctx.notice("rows that the upgrade drops are saved in " + (saved.startsWith(here) ? here.relativize(saved) : saved));
            }
            return new StatementCallback(preflight.scripts(), settings, tables.mariaDb());
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    /**
     * Has Flyway create its (empty) history table, in its own DDL. Flyway refuses to migrate a schema that holds tables
     * but no history, and the migration lock's table is already there: with the history table, it goes ahead.
     */
    private void createHistory(MigrationSet set) {
        try {
            ctx.flyway(set).baselineVersion("0").baselineDescription("history created by catalog db upgrade").load().baseline();
        } catch (FlywayException e) {
            throw MigrationException.failure("upgrade failed creating " + SchemaHistory.TABLE + ": "
                    + MigrationContext.firstLine(e.getMessage()), e);
        }
        try (Connection c = ctx.connector().connect()) {
            new SchemaHistory(c).deleteAll();
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    /** Puts Flyway's error into the run marker its callback left, for check and current to report. */
    private void recordFailure(String message) {
        try (Connection c = ctx.connector().connect()) {
            RunMarker marker = new RunMarker(c);
            if (marker.current().isPresent()) {
                marker.failed(message);
            }
        } catch (SQLException | RuntimeException ignored) {
            // The upgrade's own error is what the caller needs; the marker still says the migration stopped.
        }
    }
}
