package furniture.catalog.server.cli;

import furniture.catalog.embedded.EmbeddedMariaDb;
import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import picocli.CommandLine.Option;

/**
 * Where the database is: {@code --db-url/--db-user/--db-password}, else {@code CATALOG_DB_URL/_USER/_PASSWORD}, else
 * the embedded MariaDB whose data lives under {@code CATALOG_HOME} (default {@code ./.catalog}).
 */
public final class DatabaseOptions {
    static final String EMBEDDED_DATABASE = "catalog";

    @Option(names = "--db-url", paramLabel = "URL", description = "JDBC URL of the database (default: $CATALOG_DB_URL, else the embedded MariaDB).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (default: $CATALOG_DB_USER, else root).")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Database password (default: $CATALOG_DB_PASSWORD, else empty).")
    String password;

    /** The home folder of local state: the embedded database, backups, the generated token. */
    public static Path home() {
        String home = System.getenv("CATALOG_HOME");
        return Path.of(home == null || home.isBlank() ? ".catalog" : home).toAbsolutePath();
    }

    /** The configured database, or the embedded one, started (or attached to) here. */
    public Resolved resolve() {
        String configured = firstOf(url, System.getenv("CATALOG_DB_URL"));
        String u = firstOf(user, System.getenv("CATALOG_DB_USER"));
        String p = firstOf(password, System.getenv("CATALOG_DB_PASSWORD"));
        if (configured != null) {
            if (!configured.startsWith("jdbc:mysql:") && !configured.startsWith("jdbc:mariadb:")) {
                throw MigrationException.usage("the database URL must start with jdbc:mysql: (got " + configured + ")");
            }
            return new Resolved(new DatabaseConnector(inUtc(configured), u == null ? "root" : u, p == null ? "" : p), null);
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

    /** Sessions in UTC whatever the server's or this machine's zone, so timestamps are UTC end to end. */
    static String inUtc(String url) {
        if (url.contains("connectionTimeZone=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    private static String firstOf(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b == null || b.isBlank() ? null : b;
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
