package furniture.catalog.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One test database on a MariaDB/MySQL server.
 *
 * @param serverUrl JDBC URL of the server, without a database ({@code jdbc:mysql://host:port/})
 * @param name the database's name
 * @param user user to connect as
 * @param password that user's password
 * @param embedded whether the server is the embedded MariaDB
 */
public record TestDatabase(String serverUrl, String name, String user, String password, boolean embedded) {

    /** JDBC URL of this database, in UTC. */
    public String url() {
        return serverUrl + name + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    /** A new connection to this database; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /** Runs statements on a new connection. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    /** The single long value a query returns. */
    /** The first column of the first row of {@code sql}, as text (null for SQL NULL). */
    public String queryString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            return rs.getString(1);
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** Drops and recreates this database, empty. */
    public void recreate() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            s.execute("CREATE DATABASE `" + name + "`");
        }
    }
}
