package furniture.catalog.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and, for downgrade and stamp, rewrites Flyway's history table with plain JDBC, in the format Flyway itself
 * writes, so that Flyway's next migrate sees a consistent history.
 */
final class SchemaHistory {
    static final String TABLE = "flyway_schema_history";
    static final String BASELINE_DESCRIPTION = "<< Flyway Baseline >>";

    private final Connection connection;

    SchemaHistory(Connection connection) {
        this.connection = connection;
    }

    boolean exists() throws SQLException {
        return tableExists(TABLE);
    }

    boolean tableExists(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** Tables of the schema other than Flyway's and Alembic's bookkeeping. */
    List<String> userTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() ORDER BY table_name"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!furniture.catalog.migrations.schema.SchemaReader.bookkeeping(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    List<AppliedMigration> rows() throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        if (!exists()) {
            return rows;
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT installed_rank, version, description, type, script, checksum, "
                        + "installed_by, installed_on, execution_time, success FROM " + TABLE + " ORDER BY installed_rank")) {
            while (rs.next()) {
                int checksum = rs.getInt(6);
                Integer boxed = rs.wasNull() ? null : checksum;
                Timestamp on = rs.getTimestamp(8);
                rows.add(new AppliedMigration(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), boxed, rs.getString(7), on == null ? null : on.toInstant(), rs.getInt(9),
                        rs.getBoolean(10)));
            }
        }
        return rows;
    }

    /** The revision in Flask-Migrate's {@code alembic_version} table, if the database has one. */
    Optional<String> alembicRevision() throws SQLException {
        if (!tableExists("alembic_version")) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT version_num FROM alembic_version")) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /** Removes the rows of versions at or above {@code version} (the downgrade of those versions has run). */
    void deleteFrom(int version) throws SQLException {
        for (AppliedMigration row : rows()) {
            int v = row.versionNumber();
            if (v >= version || (row.version() != null && v < 0)) {
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE installed_rank = ?")) {
                    ps.setInt(1, row.rank());
                    ps.executeUpdate();
                }
            }
        }
    }

    void deleteAll() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + TABLE);
        }
    }

    /** Records {@code version} as reached without running anything, the way Flyway's baseline does. */
    void insertBaseline(int version, String installedBy) throws SQLException {
        int rank;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM " + TABLE)) {
            rs.next();
            rank = rs.getInt(1);
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TABLE + " (installed_rank, version, "
                + "description, type, script, checksum, installed_by, execution_time, success) VALUES (?, ?, ?, 'BASELINE', ?, NULL, ?, 0, 1)")) {
            ps.setInt(1, rank);
            ps.setString(2, Integer.toString(version));
            ps.setString(3, BASELINE_DESCRIPTION);
            ps.setString(4, BASELINE_DESCRIPTION);
            ps.setString(5, installedBy);
            ps.executeUpdate();
        }
    }
}
