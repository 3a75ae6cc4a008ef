package furniture.catalog.migrations;

import furniture.catalog.migrations.history.SchemaHistory;
import furniture.catalog.migrations.lock.MigrationLease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the hand-run recovery commands did, which Flyway's history cannot hold: a stamp's whole story (from where to
 * where, what it cancelled, the earlier stamp it replaced, the stopped migration it settled) and an unlock's (whose lock
 * it removed). Flyway's table keeps what Flyway reads; this one, appended to and never rewritten, keeps the rest, so
 * that {@code history --verbose} loses nothing. One row per command, in the database's own clock.
 */
final class MigrationLog {
    static final String TABLE = "catalog_migration_log";

    /** One entry: when, who, on which host, which command, and what it did. */
    record Entry(Instant at, String by, String host, String command, String note) {}

    private final Connection connection;

    MigrationLog(Connection connection) {
        this.connection = connection;
    }

    void append(String command, String by, String note) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                    + "at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), by_user VARCHAR(100) NOT NULL, host VARCHAR(255) NOT NULL, "
                    + "command VARCHAR(64) NOT NULL, note TEXT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci");
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TABLE + " (by_user, host, command, note) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, by);
            ps.setString(2, MigrationLease.host());
            ps.setString(3, command);
            ps.setString(4, note);
            ps.executeUpdate();
        }
    }

    List<Entry> entries() throws SQLException {
        List<Entry> entries = new ArrayList<>();
        if (!new SchemaHistory(connection).tableExists(TABLE)) {
            return entries;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT at, by_user, host, command, note FROM " + TABLE + " ORDER BY id")) {
            while (rs.next()) {
                entries.add(new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return entries;
    }
}
