package furniture.catalog.migrations;

import furniture.catalog.migrations.parse.AnalysedScript;
import furniture.catalog.migrations.parse.ScriptStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Flyway's migrate runs only what was analysed: before each statement, Flyway's text (with its delimiter) is compared
 * with the statement of the same script at the same place in the analysed list, and a difference stops the migration
 * before the statement runs. The statement is found by its place, never by its text, so a statement with comments
 * before it (the first of every script) is found like any other. For that statement the session then gets what the
 * analysis decided: MariaDB's {@code alter_algorithm} for an ALTER of a large table (see {@link LargeTables}), and
 * strict mode off for a narrowing that {@code --allow-data-loss} allowed and backed up (so the server cuts the values
 * it cannot hold instead of failing); both are set back after it.
 */
final class StatementCallback implements Callback {
    /** What one statement runs with, beyond the session's defaults. */
    record Settings(String alterAlgorithm, boolean notStrict) {
        static final Settings NONE = new Settings(null, false);
    }

    private final Map<String, AnalysedScript> scripts;
    private final Map<ScriptStatement, Settings> settings;
    private final boolean mariaDb;
    private String script;
    private int index;
    private boolean changed;

    StatementCallback(List<AnalysedScript> scripts, Map<ScriptStatement, Settings> settings, boolean mariaDb) {
        this.scripts = new java.util.HashMap<>();
        scripts.forEach(s -> this.scripts.put(s.name(), s));
        this.settings = settings;
        this.mariaDb = mariaDb;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.BEFORE_EACH_MIGRATE_STATEMENT
                || event == Event.AFTER_EACH_MIGRATE_STATEMENT || event == Event.AFTER_EACH_MIGRATE_STATEMENT_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        switch (event) {
            case BEFORE_EACH_MIGRATE -> {
                script = context.getMigrationInfo().getScript();
                index = 0;
            }
            case BEFORE_EACH_MIGRATE_STATEMENT -> before(context);
            default -> after(context);
        }
    }

    private void before(Context context) {
        AnalysedScript analysed = scripts.get(script);
        index++;
        String running = context.getStatement().getSql();
        if (analysed == null || index > analysed.statements().size()
                || !analysed.statements().get(index - 1).statement().asFlywayCallbackSees().equals(running)) {
            throw new FlywayException("statement " + index + " of " + script + " is not the one analysed before the upgrade ("
                    + (analysed == null ? "the script was not analysed" : index > analysed.statements().size()
                            ? "the analysis found " + analysed.statements().size() : "its text differs") + "); nothing of it ran");
        }
        Settings these = settings.getOrDefault(analysed.statements().get(index - 1).statement(), Settings.NONE);
        try (Statement s = context.getConnection().createStatement()) {
            if (these.alterAlgorithm() != null && mariaDb) {
                s.execute("SET SESSION alter_algorithm = '" + these.alterAlgorithm() + "'");
                changed = true;
            }
            if (these.notStrict()) {
                s.execute("SET @catalog_sql_mode = @@SESSION.sql_mode, SESSION sql_mode = "
                        + "REPLACE(REPLACE(@@SESSION.sql_mode, 'STRICT_TRANS_TABLES', ''), 'STRICT_ALL_TABLES', '')");
                changed = true;
            }
        } catch (SQLException e) {
            throw new FlywayException("cannot set the session for statement " + index + " of " + script + ": " + e.getMessage(), e);
        }
    }

    private void after(Context context) {
        if (!changed) {
            return;
        }
        changed = false;
        try (Statement s = context.getConnection().createStatement()) {
            if (mariaDb) {
                s.execute("SET SESSION alter_algorithm = DEFAULT");
            }
            s.execute("SET SESSION sql_mode = COALESCE(@catalog_sql_mode, @@SESSION.sql_mode)");
        } catch (SQLException e) {
            throw new FlywayException("cannot set the session back after statement " + index + " of " + script + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "catalog-analysed-statements";
    }
}
