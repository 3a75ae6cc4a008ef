package furniture.catalog.migrations.lock;

import furniture.catalog.migrations.MigrationException;
import furniture.catalog.migrations.history.SchemaHistory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The MySQL named lock Flyway's migrate takes ({@code Flyway-} + the hash of the quoted history table name). Holding
 * it while a downgrade or a stamp runs means an upgrade in another process waits for it, and the other way round.
 */
public final class MigrationLock implements AutoCloseable {
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final Connection connection;
    private final String name;

    private MigrationLock(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    public static String nameFor(String schema) {
        String table = "`" + schema + "`.`" + SchemaHistory.TABLE + "`";
        return "Flyway-" + table.hashCode();
    }

    public static MigrationLock acquire(Connection connection) throws SQLException {
        String schema = connection.getCatalog();
        String name = nameFor(schema);
        Instant deadline = Instant.now().plus(WAIT);
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, 10)")) {
            ps.setString(1, name);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        return new MigrationLock(connection, name);
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw MigrationException.failure("another migration has held the lock on " + schema + " for over "
                            + WAIT.toMinutes() + " minutes; try again when it has finished");
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, name);
            ps.executeQuery().close();
        }
    }
}
