package furniture.catalog.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import furniture.catalog.application.port.out.DeadlineExceededException;
import furniture.catalog.application.port.out.Deadlines;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Connections from the pool, waiting no longer than the caller's deadline leaves (and never longer than the pool's own
 * connection timeout): under load a call whose deadline is near gives up its wait instead of holding a thread past it.
 */
final class DeadlineConnections implements ConnectionFactory {
    private final HikariDataSource dataSource;

    DeadlineConnections(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection openConnection() throws SQLException {
        Duration left = Deadlines.remaining().orElse(null);
        if (left == null || !(dataSource.getHikariPoolMXBean() instanceof HikariPool pool)) {
            return dataSource.getConnection();
        }
        if (left.isNegative() || left.isZero()) {
            throw new DeadlineExceededException("the caller's deadline passed before a database connection was free", null);
        }
        if (left.toMillis() >= dataSource.getConnectionTimeout()) {
            return pool.getConnection(dataSource.getConnectionTimeout());
        }
        try {
            return pool.getConnection(left.toMillis());
        } catch (SQLTransientConnectionException e) {
            throw new DeadlineExceededException("the caller's deadline passed while waiting for a database connection", e);
        }
    }
}
