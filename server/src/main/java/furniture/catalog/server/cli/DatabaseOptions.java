package furniture.catalog.server.cli;

import furniture.catalog.embedded.EmbeddedMariaDb;
import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import picocli.CommandLine.Option;

/**
 * Where the database is and where local state lives. Every option's default comes from its environment variable
 * (picocli's {@code ${env:…}} defaults, so {@code --help} shows them); with no URL, the embedded MariaDB under the home
 * folder. Secrets also come from a file ({@code CATALOG_DB_PASSWORD_FILE}), so none has to be in argv.
 */
public final class DatabaseOptions {
    static final String EMBEDDED_DATABASE = "catalog";

    @Option(names = "--db-url", paramLabel = "URL", defaultValue = "${env:CATALOG_DB_URL}",
            description = "JDBC URL of the database (CATALOG_DB_URL); unset: the embedded MariaDB.")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:CATALOG_DB_USER:-root}",
            description = "Database user (CATALOG_DB_USER). Default: ${DEFAULT-VALUE}.")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:CATALOG_DB_PASSWORD}",
            description = "Database password (CATALOG_DB_PASSWORD). On the command line it shows in `ps`: prefer the file.")
    String password;

    @Option(names = "--db-password-file", paramLabel = "FILE", defaultValue = "${env:CATALOG_DB_PASSWORD_FILE}",
            description = "File holding the database password (CATALOG_DB_PASSWORD_FILE); one trailing newline is ignored.")
    Path passwordFile;

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:CATALOG_HOME:-.catalog}",
            description = "Local state: the embedded database, backups, the generated token (CATALOG_HOME). Default: ${DEFAULT-VALUE}.")
    Path home = Path.of(".catalog");

    /** The home folder of local state, absolute. */
    public Path home() {
        return home.toAbsolutePath();
    }

    /** The configured database, or the embedded one, started (or attached to) here. */
    public Resolved resolve() {
        String configured = blankToNull(url);
        if (configured != null) {
            String shown = DatabaseConnector.redacted(configured);
            if (configured.startsWith("jdbc:mariadb:")) {
                throw MigrationException.usage("--db-url " + shown + ": catalog talks to MariaDB through MySQL Connector/J, which "
                        + "takes jdbc:mysql: URLs; write " + shown.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:"));
            }
            if (!configured.startsWith("jdbc:mysql:")) {
                throw MigrationException.usage("--db-url must be a jdbc:mysql: URL, e.g. jdbc:mysql://127.0.0.1:3306/catalog (got " + shown + ")");
            }
            if (DatabaseConnector.carriesCredentials(configured)) {
                // Connector/J would take them over --db-user and the password file, or not, depending on the form; and a
                // URL shows in ps, in logs, in error messages. The credentials have their own options.
                throw MigrationException.usage("--db-url " + shown + " carries a user or password: give them with --db-user and "
                        + "--db-password-file (CATALOG_DB_USER, CATALOG_DB_PASSWORD_FILE) instead");
            }
            if (DatabaseConnector.databaseName(configured).isBlank()) {
                throw MigrationException.usage("--db-url " + shown + " names no database: put its name after the host, e.g. "
                        + "jdbc:mysql://127.0.0.1:3306/catalog");
            }
            return new Resolved(new DatabaseConnector(inUtc(configured), user == null || user.isBlank() ? "root" : user,
                    password()), null);
        }
        EmbeddedMariaDb db = EmbeddedMariaDb.startOrAttach(home().resolve("mariadb"));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + EMBEDDED_DATABASE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
        } catch (SQLException e) {
            db.close();
            throw MigrationException.failure("the embedded MariaDB started but cannot be used: " + e.getMessage(), e);
        }
        return new Resolved(new DatabaseConnector(inUtc(db.jdbcUrl(EMBEDDED_DATABASE)), db.user(), db.password()), db);
    }

    private String password() {
        String inline = blankToNull(password);
        if (passwordFile == null) {
            return inline == null ? "" : inline;
        }
        if (inline != null) {
            throw MigrationException.usage("give the database password once: --db-password (CATALOG_DB_PASSWORD) or "
                    + "--db-password-file (CATALOG_DB_PASSWORD_FILE), not both");
        }
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw MigrationException.usage("cannot read the database password file " + passwordFile + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /**
     * The warning to give when a password came on the command line, where any local user sees it in `ps` (an empty one
     * shows nothing).
     */
    public java.util.Optional<String> passwordInArgvWarning(picocli.CommandLine.ParseResult parsed) {
        if (parsed != null && parsed.hasMatchedOption("--db-password") && password != null && !password.isEmpty()) {
            return java.util.Optional.of("--db-password is visible to every local user in `ps`; use CATALOG_DB_PASSWORD_FILE or CATALOG_DB_PASSWORD");
        }
        return java.util.Optional.empty();
    }

    /**
     * Sessions in UTC whatever the server's or this machine's zone, so timestamps are UTC end to end; and without
     * Connector/J's own OpenTelemetry tracing, which it would switch on because the OpenTelemetry API is on the
     * classpath (for the service's metrics): a span per statement that nothing exports.
     */
    static String inUtc(String url) {
        String u = url.contains("connectionTimeZone=") ? url
                : DatabaseConnector.withParameter(DatabaseConnector.withParameter(url, "connectionTimeZone", "UTC"),
                        "forceConnectionTimeZoneToSession", "true");
        return DatabaseConnector.withParameter(u, "openTelemetry", "DISABLED");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The connector, and the embedded server to stop when done (null for a configured database). */
    public record Resolved(DatabaseConnector connector, EmbeddedMariaDb embedded) implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
