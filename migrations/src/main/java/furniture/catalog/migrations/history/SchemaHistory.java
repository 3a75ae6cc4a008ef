package furniture.catalog.migrations.history;


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
public final class SchemaHistory {
    public static final String TABLE = "flyway_schema_history";
    public static final String BASELINE_DESCRIPTION = "<< Flyway Baseline >>";
    /**
     * The description of the rows a stamp writes (its baseline, its cancels), which tells them from an adoption's
     * baseline and a downgrade's cancels in {@code history}.
     */
    public static final String STAMP_DESCRIPTION = "<< catalog db stamp >>";
    public static final String DOWNGRADE_DESCRIPTION = "<< catalog db downgrade >>";

    private final Connection connection;

    public SchemaHistory(Connection connection) {
        this.connection = connection;
    }

    public boolean exists() throws SQLException {
        return tableExists(TABLE);
    }

    public boolean tableExists(String table) throws SQLException {
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
    public List<String> userTables() throws SQLException {
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

    public List<AppliedMigration> rows() throws SQLException {
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
    public Optional<String> alembicRevision() throws SQLException {
        if (!tableExists("alembic_version")) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT version_num FROM alembic_version")) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * The downgrade of {@code version} has run: the rows that count from it up are cancelled (their rows stay), and the
     * baselines from it up are removed (Flyway counts the highest baseline, and no row can cancel one).
     */
    public void cancelFrom(int version, String installedBy) throws SQLException {
        for (AppliedMigration row : cancellableFrom(DatabaseState.read(connection).live(), version)) {
            insertCancel(row, installedBy, DOWNGRADE_DESCRIPTION);
        }
        deleteBaselinesAbove(version - 1);
    }

    /** The rows, of those that count, that a downgrade of {@code version} cancels: the latest first. */
    public static List<AppliedMigration> cancellableFrom(List<AppliedMigration> live, int version) {
        List<AppliedMigration> rows = new ArrayList<>();
        for (AppliedMigration row : live) {
            int v = row.versionNumber();
            if (!row.baseline() && row.version() != null && (v >= version || v < 0)) {
                rows.add(0, row);
            }
        }
        return rows;
    }

    public void deleteAll() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + TABLE);
        }
    }

    /** Records {@code version} as reached without running anything, the way Flyway's baseline does. */
    public void insertBaseline(int version, String installedBy) throws SQLException {
        insertBaseline(version, installedBy, BASELINE_DESCRIPTION);
    }

    public void insertBaseline(int version, String installedBy, String description) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TABLE + " (installed_rank, version, "
                + "description, type, script, checksum, installed_by, execution_time, success) VALUES (?, ?, ?, 'BASELINE', ?, NULL, ?, 0, 1)")) {
            ps.setInt(1, nextRank());
            ps.setString(2, Integer.toString(version));
            ps.setString(3, description);
            ps.setString(4, description);
            ps.setString(5, installedBy);
            ps.executeUpdate();
        }
    }

    /**
     * Appends the row that makes {@code row} no longer count, the way Flyway's repair marks a migration deleted: its
     * version, script and checksum, type DELETE, and {@code why} (a stamp, a downgrade) as its description. Flyway then
     * takes the version as not applied (an upgrade runs it again), and the row it cancels stays in the history.
     */
    public void insertCancel(AppliedMigration row, String installedBy, String why) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TABLE + " (installed_rank, version, "
                + "description, type, script, checksum, installed_by, execution_time, success) VALUES (?, ?, ?, 'DELETE', ?, ?, ?, 0, 1)")) {
            ps.setInt(1, nextRank());
            ps.setString(2, row.version());
            ps.setString(3, why);
            ps.setString(4, row.script());
            if (row.checksum() == null) {
                ps.setNull(5, java.sql.Types.INTEGER);
            } else {
                ps.setInt(5, row.checksum());
            }
            ps.setString(6, installedBy);
            ps.executeUpdate();
        }
    }

    /** Removes the baseline rows above {@code version}: Flyway counts the highest baseline, and no row can cancel one. */
    public void deleteBaselinesAbove(int version) throws SQLException {
        for (AppliedMigration row : rows()) {
            if (row.baseline() && row.versionNumber() > version) {
                try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE installed_rank = ?")) {
                    ps.setInt(1, row.rank());
                    ps.executeUpdate();
                }
            }
        }
    }

    private int nextRank() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM " + TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
