package furniture.catalog.persistence;

import furniture.catalog.application.port.out.DeadlineExceededException;
import furniture.catalog.application.port.out.Deadlines;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Gives every statement a query timeout from the caller's deadline, and runs none once it has passed. Its connection's
 * network timeout follows too: the deadline plus a second (the server's own query timeout answers first when the
 * database is alive), or the statement timeout when the caller set no deadline. So a database that stops answering
 * fails the call at its deadline rather than holding a pooled connection.
 */
final class DeadlineCustomizer implements StatementCustomizer {
    /** setNetworkTimeout needs an executor only to abort; the driver runs that on the caller's thread. */
    private static final Executor DIRECT = Runnable::run;

    private final Duration statementTimeout;

    DeadlineCustomizer(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
        Duration left = Deadlines.remaining().orElse(null);
        if (left == null) {
            statement.getConnection().setNetworkTimeout(DIRECT, (int) statementTimeout.toMillis());
            return;
        }
        if (left.isNegative() || left.isZero()) {
            throw new DeadlineExceededException("the caller's deadline passed before the query ran", null);
        }
        statement.setQueryTimeout((int) Math.max(1, (left.toMillis() + 999) / 1000));
        statement.getConnection().setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, left.plusSeconds(1).toMillis()));
    }
}
