package furniture.catalog.server.cli;

import furniture.catalog.migrations.BranchMerge;
import furniture.catalog.migrations.CheckResult;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.RevisionWriter;
import furniture.catalog.migrations.ScriptSource;
import furniture.catalog.migrations.Step;
import furniture.catalog.migrations.history.HistoryEntry;
import furniture.catalog.server.model.CatalogModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code catalog db}: the schema migration workflow (Flask-Migrate's {@code flask db}, on Flyway). */
@Command(name = "db", description = "Manage the database schema: upgrade, downgrade, current, history, stamp, unlock, restore, merge, revision, "
                + "migrate, diff, check, lint.",
        footer = {"", "Every command takes --help (or -h), with examples: catalog db upgrade --help, or catalog help db upgrade."},
        subcommands = {DbCommand.Upgrade.class, DbCommand.Downgrade.class, DbCommand.Current.class, DbCommand.History.class,
                DbCommand.Stamp.class, DbCommand.Unlock.class, DbCommand.Restore.class, DbCommand.Merge.class, DbCommand.Revision.class, DbCommand.Migrate.class, DbCommand.Diff.class, DbCommand.Check.class, DbCommand.Lint.class})
public final class DbCommand {
    @Mixin
    HelpOption help;

    /** What every {@code db} subcommand shares: the database options, --verbose, --migrations. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Option(names = {"-v", "--verbose"}, description = "More detail; stack traces on errors.")
        boolean verbose;

        @Mixin
        HelpOption help;

        @Option(names = "--migrations", paramLabel = "DIR", description = "Use the scripts in DIR instead of the ones built in.")
        Path migrationsDir;


        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public final Integer call() {
            if (!needsDatabase()) {
                int code = runWithoutDatabase();
                out().flush();
                return code;
            }
            try (DatabaseOptions.Resolved db = database.resolve()) {
                // After the options are known to be valid: a usage error stays one line.
                database.passwordInArgvWarning(spec.commandLine().getParseResult()).ifPresent(w -> notice("warning: " + w));
                ScriptSource source = scripts();
                SchemaChangeOptions change = schemaChange();
                MigrationEngine engine = change.tuned(new MigrationEngine(db.connector(), source,
                        System.getProperty("user.name", "catalog"), change.backups(database.home()), Clock.systemUTC()), this::notice)
                        .withModel(((CatalogCli) spec.root().userObject()).model(), CatalogModel.NAME);
                int code = run(engine);
                out().flush();
                return code;
            }
        }

        abstract int run(MigrationEngine engine);

        /** Whether this command reaches the database (lint --offline does not). */
        boolean needsDatabase() {
            return true;
        }

        int runWithoutDatabase() {
            throw new IllegalStateException(spec.qualifiedName() + " needs the database");
        }

        /** The lock, large-table and backup options: only the commands that change the schema take them. */
        SchemaChangeOptions schemaChange() {
            return SchemaChangeOptions.DEFAULTS;
        }

        /** The scripts this command runs against: --migrations DIR, else the ones built in. */
        ScriptSource scripts() {
            return migrationsDir == null ? ScriptSource.classpath() : ScriptSource.directory(migrationsDir);
        }

        /** A line about the wait, not the result: to stderr, so that stdout stays the command's answer. */
        void notice(String line) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("catalog: " + line);
            err.flush();
        }

        void print(Step step) {
            out().println(step.line());
            out().flush();
        }
    }

    @Command(name = "upgrade", description = "Upgrade to head, to a version, or +N steps. Adopts a Flask-Migrate database.",
            footer = {"", "Examples:", "  catalog db upgrade                    # to head", "  catalog db upgrade 5                  # to version 5", "  catalog db upgrade +1                 # one version up", "  catalog db upgrade --sql > up.sql     # the SQL, to review; changes nothing", "  catalog db upgrade --allow-data-loss  # back up the rows a script drops, then run it", "  CATALOG_DB_URL=jdbc:mysql://db.internal:3306/catalog catalog db upgrade"})
    static final class Upgrade extends Base {
        @Mixin
        SchemaChangeOptions change;

        @Override
        SchemaChangeOptions schemaChange() {
            return change;
        }

        @Parameters(index = "0", arity = "0..1", defaultValue = "head", paramLabel = "TARGET", description = "head (default), a version, an Alembic revision, or +N.")
        String target;

        @Option(names = "--sql", description = "Print the SQL it would run, history rows included, and change nothing.")
        boolean sql;

        @Option(names = "--allow-table-copy", description = "Run ALTERs that copy, or block writes to, a table above "
                + "--large-table-rows; by default the upgrade refuses them, naming the table, its rows and the algorithm.")
        boolean allowTableCopy;

        @Option(names = "--allow-data-loss", description = "Run scripts that drop tables or columns holding rows, after writing "
                + "those rows to a backup file (by default the upgrade refuses them).")
        boolean allowDataLoss;

        @Override
        int run(MigrationEngine engine) {
            if (sql) {
                out().print(engine.upgradeSql(target));
                return 0;
            }
            List<Step> steps = engine.upgrade(target, new MigrationEngine.UpgradeOptions(allowTableCopy, allowDataLoss), this::print);
            if (steps.isEmpty()) {
                out().println("nothing to do: " + engine.current());
            } else {
                out().println("now at " + engine.current());
            }
            return 0;
        }
    }

    @Command(name = "downgrade", description = "Downgrade -1 (default), -N steps, to a version, or to base.",
            footer = {"", "Examples:", "  catalog db downgrade                    # one version down", "  catalog db downgrade 4                  # to version 4", "  catalog db downgrade base --sql         # the SQL back to an empty schema", "  catalog db downgrade --allow-data-loss  # back up the rows it drops, then drop them"})
    static final class Downgrade extends Base {
        @Mixin
        SchemaChangeOptions change;

        @Override
        SchemaChangeOptions schemaChange() {
            return change;
        }

        @Parameters(index = "0", arity = "0..1", defaultValue = "-1", paramLabel = "TARGET", description = "-1 (default), -N, a version, an Alembic revision, or base.")
        String target;

        @Option(names = "--allow-data-loss", description = "Drop tables or columns that hold rows, after writing those rows to a backup file.")
        boolean allowDataLoss;

        @Option(names = "--sql", description = "Print the SQL it would run, history rows included, and change nothing (no backup).")
        boolean sql;

        @Override
        int run(MigrationEngine engine) {
            if (sql) {
                out().print(engine.downgradeSql(target));
                return 0;
            }
            MigrationEngine.DowngradeResult result = engine.downgrade(target, allowDataLoss, this::print);
            result.backup().ifPresent(file -> out().println("rows that were dropped are saved in " + shown(file)));
            out().println("now at " + engine.current());
            return 0;
        }
    }

    @Command(name = "current", description = "Show the version the database is at.",
            footer = {"", "Examples:", "  catalog db current", "  catalog db current --json"})
    static final class Current extends Base {
        @Option(names = "--json", description = "One JSON object: version, description, head, pending, line.")
        boolean json;

        @Override
        int run(MigrationEngine engine) {
            out().println(json ? JsonOutput.current(engine) : engine.current());
            return 0;
        }
    }

    @Command(name = "history", description = "List every migration, applied, stamped or pending.",
            footer = {"", "Examples:", "  catalog db history", "  catalog db history --verbose   # when, by whom, how long, checksums, stamps", "  catalog db history --json"})
    static final class History extends Base {
        private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

        @Option(names = "--json", description = "One JSON object: {\"migrations\": [...]}, every field of --verbose.")
        boolean json;

        @Override
        int run(MigrationEngine engine) {
            if (json) {
                out().println(JsonOutput.history(engine.history(), engine.log()));
                return 0;
            }
            List<HistoryEntry> entries = engine.history();
            int width = Math.max(9, entries.stream().mapToInt(e -> e.state().length()).max().orElse(0));
            for (HistoryEntry e : entries) {
                StringBuilder line = new StringBuilder(String.format("%-4d %-" + width + "s %s", e.version(), e.state(), e.description()));
                if (e.head()) {
                    line.append(" (head)");
                }
                if (verbose) {
                    for (HistoryEntry.Event event : e.earlier()) {
                        line.append(String.format("%n       %s %s by %s", event.what(), AT.format(event.at()), event.by()));
                        if (event.executionMs() != null) {
                            line.append(" in ").append(event.executionMs()).append(" ms");
                        }
                    }
                    if (e.appliedAt() != null) {
                        line.append(String.format("%n       %s %s by %s", e.state(), AT.format(e.appliedAt()), e.appliedBy()));
                        if (e.executionMs() != null) {
                            line.append(" in ").append(e.executionMs()).append(" ms");
                        }
                        if (!"-".equals(e.checksumState())) {
                            line.append(", checksum ").append(e.checksumState());
                        }
                    }
                }
                out().println(line);
            }
            List<MigrationEngine.LogEntry> log = verbose ? engine.log() : List.of();
            if (!log.isEmpty()) {
                out().println("stamps and unlocks:");
                for (MigrationEngine.LogEntry e : log) {
                    out().println("  " + AT.format(e.at()) + " by " + e.by() + " on " + e.host() + ": " + e.command() + ", " + e.note());
                }
            }
            return 0;
        }
    }

    @Command(name = "stamp", description = "Record TARGET as the current version without running any DDL. The history keeps "
            + "every earlier row; the stamp adds its own (`history --verbose` shows them).",
            footer = {"", "Examples:", "  catalog db stamp 6      # the schema is already version 6's: record that", "  catalog db stamp head", "  catalog db stamp base   # forget every version; the tables stay"})
    static final class Stamp extends Base {
        @Mixin
        SchemaChangeOptions change;

        @Override
        SchemaChangeOptions schemaChange() {
            return change;
        }

        @Parameters(index = "0", paramLabel = "TARGET", description = "head, base, a version, or an Alembic revision.")
        String target;

        @Override
        int run(MigrationEngine engine) {
            engine.stamp(target);
            out().println("stamped: now at " + engine.current());
            return 0;
        }
    }

    @Command(name = "unlock", description = "Remove the migration lock by hand, when its holder is gone and its lease has not run out.",
            footer = {"", "Examples:", "  catalog db check    # names the holder of the lock", "  catalog db unlock"})
    static final class Unlock extends Base {
        @Override
        int run(MigrationEngine engine) {
            Optional<String> holder = engine.unlock();
            if (holder.isEmpty()) {
                out().println("no migration lock is held");
                return 0;
            }
            notice("warning: removed the migration lock held by " + holder.get() + ". If that process is still running, "
                    + "another migration can now run beside it; check with `catalog db check` once it is gone");
            out().println("unlocked");
            return 0;
        }
    }

    @Command(name = "restore", description = "Put back the rows a downgrade saved in a backup file (the database must be at the version it left).",
            footer = {"", "Examples:", "  catalog db upgrade 6   # the version the backup was taken at", "  catalog db restore .catalog/backups/FILE.sql"})
    static final class Restore extends Base {
        @Mixin
        SchemaChangeOptions change;

        @Override
        SchemaChangeOptions schemaChange() {
            return change;
        }

        @Parameters(index = "0", paramLabel = "FILE", description = "A backup file written by `catalog db downgrade --allow-data-loss`.")
        Path file;

        @Override
        int run(MigrationEngine engine) {
            long rows = engine.restore(file);
            out().println("restored " + rows + (rows == 1 ? " row" : " rows") + " from " + shown(file));
            return 0;
        }
    }

    /** A path as the user would type it: relative to the working folder when it is inside it. */
    static Path shown(Path file) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute) : file;
    }

    /** The project's migration folder: the launcher says where it is, else the path from the repository's root. */
    static Path sourceFolder() {
        String fromLauncher = System.getProperty("catalog.migrations.dir");
        return Path.of(fromLauncher != null ? fromLauncher : "migrations/src/main/resources/db/migration");
    }

    /** What the source-folder commands (merge, revision) share: --dir with the project's folder as default, --verbose. */
    abstract static class SourceFolderCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", description = "The source folder of the migrations (default: the project's).")
        Path dir;

        @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.")
        boolean verbose;

        @Mixin
        HelpOption help;

        Path folder() {
            return dir != null ? dir : sourceFolder();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "merge", description = "Two branches added the same version: renumber the one added later to the next free version.",
            footer = {"", "Examples:", "  catalog db merge", "  catalog db merge --dir path/to/db/migration"})
    static final class Merge extends SourceFolderCommand {
        @Override
        public Integer call() {
            List<String> done = new BranchMerge(folder()).merge();
            if (done.isEmpty()) {
                out().println("nothing to merge: no two migrations claim one version");
            }
            done.forEach(out()::println);
            return 0;
        }
    }

    @Command(name = "revision", description = "Write the next numbered migration and its downgrade script, empty.",
            footer = {"", "Examples:", "  catalog db revision -m \"backfill furniture type names\""})
    static final class Revision extends SourceFolderCommand {
        @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE", description = "What the migration changes.")
        String message;

        @Override
        public Integer call() {
            for (Path file : new RevisionWriter(folder(), Clock.systemUTC()).write(message)) {
                out().println("wrote " + shown(file));
            }
            return 0;
        }
    }

    @Command(name = "migrate", description = "Compare the model with the database (at head) and write the next migration "
            + "and its downgrade from the difference (Flask-Migrate's `flask db migrate`).",
            footer = {"", "Examples:", "  catalog db migrate -m \"add color hex code\"", "  catalog db diff    # the same statements, printed, nothing written"})
    static final class Migrate extends Base {
        @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE", description = "What the migration changes.")
        String message;

        /** The source folder: --migrations DIR, else the project's, where `revision` writes too. */
        @Override
        ScriptSource scripts() {
            return ScriptSource.directory(target());
        }

        Path target() {
            return migrationsDir != null ? migrationsDir : sourceFolder();
        }

        @Override
        int run(MigrationEngine engine) {
            List<Path> written = engine.migrate(message, target());
            if (written.isEmpty()) {
                out().println("no changes detected: the database at head is exactly the model");
                return 0;
            }
            for (Path file : written) {
                out().println("wrote " + shown(file));
            }
            out().println("review them, then `catalog db upgrade`");
            return 0;
        }
    }

    @Command(name = "diff", description = "Print what `migrate` would write, write nothing; exit 1 when the model differs from the database.",
            footer = {"", "Examples:", "  catalog db diff"})
    static final class Diff extends Base {
        @Override
        int run(MigrationEngine engine) {
            List<furniture.catalog.migrations.schema.Change> changes = engine.diff();
            if (changes.isEmpty()) {
                out().println("no changes detected: the database at head is exactly the model");
                return 0;
            }
            out().print("-- upgrade\n" + furniture.catalog.migrations.schema.Scripts.upgrade(changes)
                    + "-- downgrade\n" + furniture.catalog.migrations.schema.Scripts.downgrade(changes));
            return 1;
        }
    }

    @Command(name = "lint", description = {"Read the pending scripts (or a range) as `upgrade` would, run nothing, and report what the",
            "upgrade would refuse and what would break a build still running: destructive statements, statements",
            "today's rows would make fail, ALTERs that copy a large table, versions out of order, statements not",
            "understood, placeholders, and expand/contract against the model. Exit 0 clean (warnings are shown), 1",
            "on errors. --offline reads every script (or the range) without a database, by the rules that need no rows."},
            footer = {"", "Examples:", "  catalog db lint                        # the pending scripts, against the configured database",
                    "  catalog db lint --offline              # every script, no database: a CI step",
                    "  catalog db lint --offline --from 6     # the scripts above version 6",
                    "  catalog db lint --json                 # one JSON object, for pipelines"})
    static final class Lint extends Base {
        @Option(names = "--offline", description = "No database: read the scripts (all, or the range) by the rules that need no rows.")
        boolean offline;

        @Option(names = "--json", description = "One JSON object: scope, scripts, findings (script, line, severity, rule, message), "
                + "errors, warnings, not_checked.")
        boolean json;

        @Option(names = "--from", paramLabel = "VERSION", description = "Only scripts above this version (default: the database's, or base offline).")
        String from;

        @Option(names = "--to", paramLabel = "VERSION", description = "Only scripts up to this version (default: head).")
        String to;

        @Option(names = "--large-table-rows", paramLabel = "ROWS", defaultValue = "${env:CATALOG_DB_LARGE_TABLE_ROWS:-100000}",
                description = "The table-copy rule judges the ALTERs of tables of this many rows or more, as the upgrade does "
                        + "(CATALOG_DB_LARGE_TABLE_ROWS). Default: ${DEFAULT-VALUE}.")
        long largeTableRows = 100_000;

        @Override
        SchemaChangeOptions schemaChange() {
            SchemaChangeOptions options = new SchemaChangeOptions();
            options.largeTableRows = largeTableRows;
            return options;
        }

        @Override
        boolean needsDatabase() {
            return !offline;
        }

        @Override
        int runWithoutDatabase() {
            return report(MigrationEngine.lintOffline(scripts(), ((CatalogCli) spec.root().userObject()).model(), from, to));
        }

        @Override
        int run(MigrationEngine engine) {
            return report(engine.lint(from, to));
        }

        private int report(furniture.catalog.migrations.lint.LintReport report) {
            if (json) {
                out().println(JsonOutput.lint(report));
            } else {
                report.lines().forEach(out()::println);
            }
            return report.exitCode();
        }
    }

    @Command(name = "check", description = "Exit 0 only when the database is exactly at head, with valid checksums, no migration "
            + "stopped partway, and its schema exactly the model; otherwise one line that says why, exit 1.",
            footer = {"", "Examples:", "  catalog db check && catalog serve", "  catalog db check --json"})
    static final class Check extends Base {
        @Option(names = "--json", description = "One JSON object: ok, message, version, head, pending (exit code as without it).")
        boolean json;

        @Override
        int run(MigrationEngine engine) {
            CheckResult result = engine.check();
            out().println(json ? JsonOutput.check(engine, result) : result.message());
            return result.ok() ? 0 : 1;
        }
    }
}
