package furniture.catalog.migrations;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs each large-table ALTER of the plan with the algorithm {@link LargeTables} found, on Flyway's own connection:
 * MariaDB's {@code alter_algorithm} is set for that one statement, so a server that cannot do it that way fails the
 * statement instead of falling back to a copy that blocks writes. (MySQL has no such variable: there the server's
 * default, which also picks the cheapest algorithm, applies.) LOCK is left to the server, which takes the least it
 * can for the algorithm.
 */
final class OnlineDdlCallback implements Callback {
    private final Map<String, String> algorithms = new HashMap<>();
    private final boolean mariaDb;
    private boolean set;

    OnlineDdlCallback(List<LargeTables.Alter> plan, boolean mariaDb) {
        this.mariaDb = mariaDb;
        for (LargeTables.Alter alter : plan) {
            if (alter.probeError() == null) {
                algorithms.put(LargeTables.normalize(alter.statement()), alter.algorithm());
            }
        }
    }

    @Override
    public boolean supports(Event event, Context context) {
        return mariaDb && !algorithms.isEmpty() && (event == Event.BEFORE_EACH_MIGRATE_STATEMENT
                || event == Event.AFTER_EACH_MIGRATE_STATEMENT || event == Event.AFTER_EACH_MIGRATE_STATEMENT_ERROR);
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement s = context.getConnection().createStatement()) {
            if (event == Event.BEFORE_EACH_MIGRATE_STATEMENT) {
                String algorithm = algorithms.get(LargeTables.normalize(context.getStatement().getSql()));
                if (algorithm != null) {
                    s.execute("SET SESSION alter_algorithm = '" + algorithm + "'");
                    set = true;
                }
            } else if (set) {
                s.execute("SET SESSION alter_algorithm = DEFAULT");
                set = false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the ALTER algorithm: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "catalog-online-ddl";
    }
}
