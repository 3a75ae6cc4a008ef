package furniture.catalog.migrations;

import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.lock.MigrationLease;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.flywaydb.core.Flyway;

/** What every part of the engine shares: the database, this build's scripts, and Flyway configured for them. */
final class MigrationContext {
    private final DatabaseConnector connector;
    private final ScriptSource source;
    private final String installedBy;
    private final Path backupDir;
    private final Clock clock;
    private final MigrationLease.Settings lease;
    private final long largeTableRows;
    private MigrationSet migrations;

    MigrationContext(DatabaseConnector connector, ScriptSource source, String installedBy, Path backupDir, Clock clock,
            MigrationLease.Settings lease, long largeTableRows) {
        this.lease = lease;
        this.largeTableRows = largeTableRows;
        this.connector = connector;
        this.source = source;
        this.installedBy = installedBy;
        this.backupDir = backupDir;
        this.clock = clock;
    }

    DatabaseConnector connector() {
        return connector;
    }

    ScriptSource source() {
        return source;
    }

    String installedBy() {
        return installedBy;
    }

    Path backupDir() {
        return backupDir;
    }

    Clock clock() {
        return clock;
    }

    /** The same scripts and local state, reaching the database through {@code connector} with these lock and table settings. */
    MigrationContext with(DatabaseConnector connector, MigrationLease.Settings lease, long largeTableRows) {
        return new MigrationContext(connector, source, installedBy, backupDir, clock, lease, largeTableRows);
    }

    MigrationLease.Settings lease() {
        return lease;
    }

    /** Tables of at least this many rows get their pending ALTERs checked before an upgrade. */
    long largeTableRows() {
        return largeTableRows;
    }

    /** A line about the command's progress that is not a step (a wait, a plan): for stderr or the log. */
    void notice(String line) {
        lease.notices().accept(line);
    }

    /**
     * Runs {@code work} holding the cluster-wide migration lock (see {@link MigrationLease}); fails afterwards when the
     * lease was taken away while it ran, since then another command may have changed the schema alongside.
     */
    <T> T leased(String command, java.util.function.Supplier<T> work) {
        try (MigrationLease held = MigrationLease.acquire(connector, command, lease)) {
            T result = work.get();
            held.lost().ifPresent(lost -> {
                throw MigrationException.failure(lost + "; see what the database holds with `catalog db check`");
            });
            return result;
        }
    }

    /** The migrations of this build; fails when the scripts themselves are inconsistent. */
    synchronized MigrationSet migrations() {
        if (migrations == null) {
            migrations = MigrationSet.load(source);
        }
        return migrations;
    }

    DatabaseState state() {
        try (Connection c = connector.connect()) {
            return state(c);
        } catch (SQLException e) {
            throw connector.explain(e);
        }
    }

    static DatabaseState state(Connection c) throws SQLException {
        return DatabaseState.read(c);
    }

    org.flywaydb.core.api.configuration.FluentConfiguration flyway(MigrationSet set) {
        return Flyway.configure()
                .dataSource(connector.url(), connector.user(), connector.password())
                .locations(set.source().flywayLocation())
                .installedBy(installedBy)
                .cleanDisabled(true)
                .validateMigrationNaming(false)
                .skipDefaultCallbacks(true)
                .connectRetries(0);
    }

    /**
     * How this server's scripts are split and read: Flyway's parser configured as migrate is (placeholders included),
     * for MariaDB or MySQL as the server is, executable comments resolved for its version.
     */
    furniture.catalog.migrations.parse.ScriptAnalyser analyser(Connection c) throws SQLException {
        furniture.catalog.migrations.parse.ServerVersion server = furniture.catalog.migrations.parse.ServerVersion.of(c);
        return new furniture.catalog.migrations.parse.ScriptAnalyser(new furniture.catalog.migrations.parse.ScriptSplitter(
                flyway(migrations()).load().getConfiguration(), server.mariaDb()), server);
    }

    static int steps(String token) {
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

    /** Flyway's first line, plus the database's own message when Flyway quotes one ("Message : Table ... exists"). */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String first = message.strip().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("-")).findFirst()
                .orElse(message.strip());
        String database = message.lines().map(String::strip).filter(l -> l.startsWith("Message")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
        return database.isEmpty() || first.contains(database) ? first : first + ": " + database;
    }

    /** Why a file could not be read, in words: Java's own message for a missing file is only its name. */
    static String why(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** "1 row", "1,000,000 rows": a count of rows as messages write it. */
    static String rows(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n) + (n == 1 ? " row" : " rows");
    }
}
