package furniture.catalog.migrations.history;

import furniture.catalog.migrations.lock.MigrationLease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The migration running now, kept in a one-row table while its statements run: MySQL DDL is not transactional, so a
 * migration that fails, or whose process is killed, partway leaves the schema between two versions, and this row is
 * what says so afterwards ("downgrade of 6 stopped after 2 of 5 statements: …"). It is written before the first
 * statement, counts the statements done, gets the error on a failure, and is deleted once the migration has fully run
 * and been recorded. {@code catalog db stamp}, the recovery step, clears it.
 */
public final class RunMarker {
    public static final String TABLE = "catalog_migration_run";

    /** What the row says. */
    public record Run(String direction, int version, String script, int statements, int done, Instant startedAt, String host,
            long pid, String error) {

        /** One line for check, current, health: what stopped where, and how to recover. */
        public String describe(int previous) {
            String progress = statements <= 0 ? "" : done > 0 || "downgrade".equals(direction)
                    ? " after " + done + " of " + statements + (statements == 1 ? " statement" : " statements")
                    : " (somewhere in its " + (statements == 1 ? "one statement" : statements + " statements") + ")";
            String what = direction + " of " + version + " (" + script + ")" + (error == null
                    ? " was interrupted" + progress + " (started " + startedAt + " by " + host + " pid " + pid + ", which is gone)"
                    : " stopped" + progress + ": " + error);
            String before = "upgrade".equals(direction) ? (previous == 0 ? "base" : Integer.toString(previous)) : Integer.toString(version);
            String after = "upgrade".equals(direction) ? Integer.toString(version) : (previous == 0 ? "base" : Integer.toString(previous));
            return what + "; MySQL DDL is not transactional, so the schema is between " + before + " and " + after
                    + ": compare it with " + script + ", then either undo what ran and `catalog db stamp " + before
                    + "`, or finish it by hand and `catalog db stamp " + after + "`";
        }
    }

    private final Connection connection;

    public RunMarker(Connection connection) {
        this.connection = connection;
    }

    public Optional<Run> current() throws SQLException {
        if (!new SchemaHistory(connection).tableExists(TABLE)) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT direction, version, script, "
                + "statements, done, started_at, host, pid, error FROM " + TABLE + " WHERE id = 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Run(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                    rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getLong(8), rs.getString(9)));
        }
    }

    public void begin(String direction, int version, String script, int statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id TINYINT NOT NULL PRIMARY KEY, direction VARCHAR(9) NOT NULL, "
                    + "version INT NOT NULL, script VARCHAR(255) NOT NULL, statements INT NOT NULL, done INT NOT NULL, "
                    + "started_at TIMESTAMP(3) NOT NULL, host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, error TEXT NULL) "
                    + "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci");
        }
        try (PreparedStatement ps = connection.prepareStatement("REPLACE INTO " + TABLE
                + " (id, direction, version, script, statements, done, started_at, host, pid, error) VALUES (1, ?, ?, ?, ?, 0, NOW(3), ?, ?, NULL)")) {
            // The database's clock, as the migration lock's: DatabaseState.running() compares the two.
            ps.setString(1, direction);
            ps.setInt(2, version);
            ps.setString(3, script);
            ps.setInt(4, statements);
            ps.setString(5, MigrationLease.host());
            ps.setLong(6, ProcessHandle.current().pid());
            ps.executeUpdate();
        }
    }

    public void statementDone() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("UPDATE " + TABLE + " SET done = done + 1 WHERE id = 1");
        }
    }

    public void failed(String error) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + TABLE + " SET error = ? WHERE id = 1")) {
            ps.setString(1, error == null ? "unknown error" : error.lines().findFirst().orElse(error));
            ps.executeUpdate();
        }
    }

    /** The migration ran and is recorded (or a stamp settled the version by hand). */
    public void clear() throws SQLException {
        if (new SchemaHistory(connection).tableExists(TABLE)) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM " + TABLE);
            }
        }
    }
}
