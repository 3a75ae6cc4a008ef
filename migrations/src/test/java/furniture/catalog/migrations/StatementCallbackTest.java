package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.parse.AnalysedScript;
import furniture.catalog.migrations.parse.ScriptAnalyser;
import furniture.catalog.migrations.parse.ScriptStatement;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;

/**
 * The per-statement callback finds each statement by its place in the analysed script, so the first statement of a
 * script, which Flyway hands over with the script's header comment, gets its probed ALTER algorithm like any other (the
 * old callback matched text without comments, and never matched it); and a statement other than the one analysed
 * stops the migration before it runs. No database: Flyway's context and connection are stand-ins that record.
 */
class StatementCallbackTest {
    private static final String SCRIPT = "-- add a hex code\n-- Version 7, created 2026-12-08, revises 6.\n"
            + "ALTER TABLE colors MODIFY name VARCHAR(60) NOT NULL;\nALTER TABLE roles ADD COLUMN x INT NULL;\n";

    private final List<String> sessionSql = new ArrayList<>();
    private final AnalysedScript script = new AnalysedScript("V7__hex.sql", "the upgrade of 7",
            ScriptAnalyser.offline().analyse("V7__hex.sql", SCRIPT));

    @Test
    void theFirstStatementWithItsHeaderCommentGetsItsAlgorithm() {
        ScriptStatement first = script.statements().get(0).statement();
        assertTrue(first.sql().startsWith("-- add a hex code"), "Flyway gives the first statement the header comment");
        StatementCallback callback = new StatementCallback(List.of(script), Map.of(first, new StatementCallback.Settings("INPLACE", false)), true);

        callback.handle(Event.BEFORE_EACH_MIGRATE, context(null));
        callback.handle(Event.BEFORE_EACH_MIGRATE_STATEMENT, context(first.asFlywayCallbackSees()));
        assertEquals(List.of("SET SESSION alter_algorithm = 'INPLACE'"), sessionSql);
        callback.handle(Event.AFTER_EACH_MIGRATE_STATEMENT, context(first.asFlywayCallbackSees()));
        assertEquals("SET SESSION alter_algorithm = DEFAULT", sessionSql.get(1));

        sessionSql.clear();
        callback.handle(Event.BEFORE_EACH_MIGRATE_STATEMENT, context(script.statements().get(1).statement().asFlywayCallbackSees()));
        callback.handle(Event.AFTER_EACH_MIGRATE_STATEMENT, context(null));
        assertEquals(List.of(), sessionSql, "the second statement runs with the session as it is");
    }

    @Test
    void aStatementThatWasNotAnalysedStopsTheMigrationBeforeItRuns() {
        StatementCallback callback = new StatementCallback(List.of(script), Map.of(), true);
        callback.handle(Event.BEFORE_EACH_MIGRATE, context(null));
        FlywayException e = assertThrows(FlywayException.class,
                () -> callback.handle(Event.BEFORE_EACH_MIGRATE_STATEMENT, context("DROP TABLE colors;")));
        assertEquals("statement 1 of V7__hex.sql is not the one analysed before the upgrade (its text differs); nothing of it ran", e.getMessage());
    }

    private Context context(String sql) {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> m.getName().equals("createStatement") ? statement() : null);
        MigrationInfo info = (MigrationInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MigrationInfo.class},
                (p, m, a) -> m.getName().equals("getScript") ? "V7__hex.sql" : null);
        org.flywaydb.core.api.callback.Statement statement = (org.flywaydb.core.api.callback.Statement) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.flywaydb.core.api.callback.Statement.class},
                (p, m, a) -> m.getName().equals("getSql") ? sql : null);
        return (Context) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Context.class}, (p, m, a) -> switch (m.getName()) {
            case "getConnection" -> connection;
            case "getMigrationInfo" -> info;
            case "getStatement" -> statement;
            default -> null;
        });
    }

    private java.sql.Statement statement() {
        return (java.sql.Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {java.sql.Statement.class}, (p, m, a) -> {
            if (m.getName().equals("execute")) {
                sessionSql.add((String) a[0]);
                return false;
            }
            return null;
        });
    }
}
