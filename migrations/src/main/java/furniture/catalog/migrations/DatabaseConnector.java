package furniture.catalog.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the migration commands reach the database, and what they tell the user when they cannot.
 *
 * @param url a {@code jdbc:mysql:} or {@code jdbc:mariadb:} URL naming the database
 */
public record DatabaseConnector(String url, String user, String password) {
    private static final Pattern HOST = Pattern.compile("jdbc:\\w+://([^/?]+)(?:/([^?]*))?.*");

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * The same database, given up on when it does not answer: within {@code connect} for a new connection, within
     * {@code socket} for any answer (parameters already in the URL stay).
     */
    public DatabaseConnector withTimeouts(java.time.Duration connect, java.time.Duration socket) {
        return new DatabaseConnector(withParameter(withParameter(url, "connectTimeout", Long.toString(connect.toMillis())),
                "socketTimeout", Long.toString(socket.toMillis())), user, password);
    }

    /** {@code url} with {@code name=value} added, unless the URL already sets {@code name}. */
    public static String withParameter(String url, String name, String value) {
        if (url.contains(name + "=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }

    /** The database the URL names, or "" when it names none ({@code jdbc:mysql://host:3306/}). */
    public static String databaseName(String url) {
        Matcher m = HOST.matcher(url);
        return m.matches() && m.group(2) != null ? m.group(2) : "";
    }

    /** The URL as it may be printed: without a password given in it ({@code password=…}, {@code user:password@}). */
    public static String redacted(String url) {
        return url.replaceAll("(?i)((?:^|[?&;])(?:password|password1|password2|password3)=)[^&;]*", "$1***")
                .replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    /** "127.0.0.1:3306/catalog", for messages. */
    public String where() {
        Matcher m = HOST.matcher(url);
        if (!m.matches()) {
            return url;
        }
        String host = m.group(1).substring(m.group(1).lastIndexOf('@') + 1); // never the user:password@ of a URL
        return host + (m.group(2) == null || m.group(2).isEmpty() ? "" : "/" + m.group(2));
    }

    /** Whether the URL carries a user or a password itself ({@code user:password@host}, {@code ?user=…&password=…}). */
    public static boolean carriesCredentials(String url) {
        Matcher m = HOST.matcher(url);
        return m.matches() && m.group(1).contains("@")
                || java.util.regex.Pattern.compile("(?i)[?&;](user|password[123]?)=").matcher(url).find();
    }

    /** A one-line, actionable message for a database error. */
    public MigrationException explain(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        if (code == 1045 || state.equals("28000")) {
            return MigrationException.failure("access denied for user '" + user + "' at " + where()
                    + ": check CATALOG_DB_USER and CATALOG_DB_PASSWORD", e);
        }
        if (code == 1049) {
            String name = databaseName(url);
            return MigrationException.failure("database " + where() + " does not exist: create it first (CREATE DATABASE `" + name
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci), then run the command again", e);
        }
        if (connectionLost(e)) {
            return MigrationException.failure("cannot reach the database at " + where() + ": " + rootMessage(e), e);
        }
        return MigrationException.failure("database error at " + where() + ": " + rootMessage(e), e);
    }

    /**
     * Whether {@code e}, or an error it wraps, says the link to the server is gone or never came up (SQLSTATE class 08:
     * refused, dropped, "No operations allowed after connection closed") rather than the server refusing a statement.
     */
    public static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    @Override
    public String toString() {
        return "DatabaseConnector[" + where() + " as " + user + "]";
    }
}
