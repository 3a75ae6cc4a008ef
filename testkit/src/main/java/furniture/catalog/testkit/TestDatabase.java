package furniture.catalog.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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

    private static final String NOT_BOOKKEEPING =
            " AND table_name NOT IN ('flyway_schema_history', 'catalog_migration_run', 'catalog_migration_lock')";

    /** The tables as information_schema has them (name, engine, collation), the migration bookkeeping left out. */
    public List<String> tablesSnapshot() throws SQLException {
        return rows("SELECT table_name, engine, table_collation FROM information_schema.tables WHERE table_schema = ?"
                + NOT_BOOKKEEPING + " ORDER BY table_name");
    }

    /** Every column as information_schema has it: position, type, nullability, default, extra, character set. */
    public List<String> columnsSnapshot() throws SQLException {
        return rows("SELECT table_name, ordinal_position, column_name, column_type, is_nullable, COALESCE(column_default, '<none>'), "
                + "extra, COALESCE(character_set_name, '-') FROM information_schema.columns WHERE table_schema = ?" + NOT_BOOKKEEPING
                + " ORDER BY table_name, ordinal_position");
    }

    /** Every index column as information_schema has it: index, uniqueness, position, column. */
    public List<String> indexesSnapshot() throws SQLException {
        return rows("SELECT table_name, index_name, non_unique, seq_in_index, column_name FROM information_schema.statistics "
                + "WHERE table_schema = ?" + NOT_BOOKKEEPING + " ORDER BY table_name, index_name, seq_in_index");
    }

    /** Tables, columns and indexes: two databases with equal snapshots have the same schema. */
    public List<String> schemaSnapshot() throws SQLException {
        List<String> all = new ArrayList<>(tablesSnapshot());
        all.addAll(columnsSnapshot());
        all.addAll(indexesSnapshot());
        return all;
    }

    /** Each row of a result as its columns joined by " | ". */
    public static List<String> asText(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                row.append(i > 1 ? " | " : "").append(rs.getString(i));
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return asText(rs);
            }
        }
    }

    /** Another database on the same server, named after this one with {@code suffix}; created empty. */
    public TestDatabase sibling(String suffix) throws SQLException {
        TestDatabase other = new TestDatabase(serverUrl, name + "_" + suffix, user, password, embedded);
        other.recreate();
        return other;
    }

    /** Drops this database. */
    public void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
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
