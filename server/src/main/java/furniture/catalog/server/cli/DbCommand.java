package furniture.catalog.server.cli;

import furniture.catalog.migrations.BranchMerge;
import furniture.catalog.migrations.CheckResult;
import furniture.catalog.migrations.HistoryEntry;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.RevisionWriter;
import furniture.catalog.migrations.ScriptSource;
import furniture.catalog.migrations.Step;
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
                + "migrate, diff, check.",
        mixinStandardHelpOptions = true,
        subcommands = {DbCommand.Upgrade.class, DbCommand.Downgrade.class, DbCommand.Current.class, DbCommand.History.class,
                DbCommand.Stamp.class, DbCommand.Unlock.class, DbCommand.Restore.class, DbCommand.Merge.class, DbCommand.Revision.class, DbCommand.Migrate.class, DbCommand.Diff.class, DbCommand.Check.class})
public final class DbCommand {

    /** What every {@code db} subcommand shares: the database options, --verbose, --migrations. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database;

        @Option(names = {"-v", "--verbose"}, description = "More detail; stack traces on errors.")
        boolean verbose;

        @Option(names = "--migrations", paramLabel = "DIR", description = "Use the scripts in DIR instead of the ones built in.")
        Path migrationsDir;

        @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where downgrades write backups (default: $CATALOG_HOME/backups).")
        Path backupDir;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public final Integer call() {
            try (DatabaseOptions.Resolved db = database.resolve()) {
                ScriptSource source = scripts();
                Path backups = backupDir == null ? database.home().resolve("backups") : backupDir;
                MigrationEngine engine = database.tuned(new MigrationEngine(db.connector(), source,
                        System.getProperty("user.name", "catalog"), backups, Clock.systemUTC()), this::notice)
                        .withModel(((CatalogCli) spec.root().userObject()).model(), CatalogModel.NAME);
                int code = run(engine);
                out().flush();
                return code;
            }
        }

        abstract int run(MigrationEngine engine);

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

    @Command(name = "upgrade", description = "Upgrade to head, to a version, or +N steps. Adopts a Flask-Migrate database.")
    static final class Upgrade extends Base {
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

    @Command(name = "downgrade", description = "Downgrade -1 (default), -N steps, to a version, or to base.")
    static final class Downgrade extends Base {
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
            result.backup().ifPresent(file -> out().println("rows that were dropped are saved in " + file));
            out().println("now at " + engine.current());
            return 0;
        }
    }

    @Command(name = "current", description = "Show the version the database is at.")
    static final class Current extends Base {
        @Option(names = "--json", description = "One JSON object: version, description, head, pending, line.")
        boolean json;

        @Override
        int run(MigrationEngine engine) {
            out().println(json ? JsonOutput.current(engine) : engine.current());
            return 0;
        }
    }

    @Command(name = "history", description = "List every migration, applied or pending.")
    static final class History extends Base {
        private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

        @Option(names = "--json", description = "One JSON object: {\"migrations\": [...]}, every field of --verbose.")
        boolean json;

        @Override
        int run(MigrationEngine engine) {
            if (json) {
                out().println(JsonOutput.history(engine.history()));
                return 0;
            }
            for (HistoryEntry e : engine.history()) {
                StringBuilder line = new StringBuilder(String.format("%-4d %-9s %s", e.version(), e.state(), e.description()));
                if (e.head()) {
                    line.append(" (head)");
                }
                if (verbose && e.appliedAt() != null) {
                    line.append(String.format("%n       applied %s by %s", AT.format(e.appliedAt()), e.appliedBy()));
                    if (e.executionMs() != null) {
                        line.append(" in ").append(e.executionMs()).append(" ms");
                    }
                    line.append(", checksum ").append(e.checksumState());
                }
                out().println(line);
            }
            return 0;
        }
    }

    @Command(name = "stamp", description = "Record TARGET as the current version without running any DDL.")
    static final class Stamp extends Base {
        @Parameters(index = "0", paramLabel = "TARGET", description = "head, base, a version, or an Alembic revision.")
        String target;

        @Override
        int run(MigrationEngine engine) {
            engine.stamp(target);
            out().println("stamped: now at " + engine.current());
            return 0;
        }
    }

    @Command(name = "unlock", description = "Remove the migration lock by hand, when its holder is gone and its lease has not run out.")
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

    @Command(name = "restore", description = "Put back the rows a downgrade saved in a backup file (the database must be at the version it left).")
    static final class Restore extends Base {
        @Parameters(index = "0", paramLabel = "FILE", description = "A backup file written by `catalog db downgrade --allow-data-loss`.")
        Path file;

        @Override
        int run(MigrationEngine engine) {
            long rows = engine.restore(file);
            out().println("restored " + rows + (rows == 1 ? " row" : " rows") + " from " + file);
            return 0;
        }
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

        Path folder() {
            return dir != null ? dir : sourceFolder();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "merge", description = "Two branches added the same version: renumber the one added later to the next free version.")
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

    @Command(name = "revision", description = "Write the next numbered migration and its downgrade script, empty.")
    static final class Revision extends SourceFolderCommand {
        @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE", description = "What the migration changes.")
        String message;

        @Override
        public Integer call() {
            for (Path file : new RevisionWriter(folder(), Clock.systemUTC()).write(message)) {
                out().println("wrote " + file);
            }
            return 0;
        }
    }

    @Command(name = "migrate", description = "Compare the model with the database (at head) and write the next migration "
            + "and its downgrade from the difference (Flask-Migrate's `flask db migrate`).")
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
                out().println("wrote " + file);
            }
            out().println("review them, then `catalog db upgrade`");
            return 0;
        }
    }

    @Command(name = "diff", description = "Print what `migrate` would write, write nothing; exit 1 when the model differs from the database.")
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

    @Command(name = "check", description = "Exit 0 only when the database is exactly at head with valid checksums.")
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
