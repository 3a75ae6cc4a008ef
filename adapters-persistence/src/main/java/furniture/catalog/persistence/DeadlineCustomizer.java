package furniture.catalog.persistence;

import furniture.catalog.application.port.out.DeadlineExceededException;
import furniture.catalog.application.port.out.Deadlines;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/** Gives every statement a query timeout from the caller's deadline, and runs none once it has passed. */
final class DeadlineCustomizer implements StatementCustomizer {
    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
        Duration left = Deadlines.remaining().orElse(null);
        if (left == null) {
            return;
        }
        if (left.isNegative() || left.isZero()) {
            throw new DeadlineExceededException("the caller's deadline passed before the query ran", null);
        }
        statement.setQueryTimeout((int) Math.max(1, (left.toMillis() + 999) / 1000));
    }
}
