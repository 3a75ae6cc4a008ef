package furniture.catalog.migrations;

import furniture.catalog.migrations.history.RunMarker;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Keeps the {@link RunMarker} while Flyway's migrate runs each upgrade script. */
final class RunMarkerCallback implements Callback {
    private final java.util.Map<String, Integer> statements = new java.util.HashMap<>();
    private final RunMarker marker;

    /** {@code scripts}: the analysed scripts, whose statements are those Flyway runs (what the marker counts). */
    RunMarkerCallback(java.util.List<furniture.catalog.migrations.parse.AnalysedScript> scripts, RunMarker marker) {
        scripts.forEach(s -> statements.put(s.name(), s.statements().size()));
        this.marker = marker;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE_STATEMENT
                || event == Event.AFTER_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            switch (event) {
                case BEFORE_EACH_MIGRATE -> {
                    MigrationInfo info = context.getMigrationInfo();
                    int version = Integer.parseInt(info.getVersion().getVersion());
                    marker.begin("upgrade", version, info.getScript(), statements.getOrDefault(info.getScript(), 0));
                }
                case AFTER_EACH_MIGRATE_STATEMENT -> marker.statementDone();
                case AFTER_EACH_MIGRATE -> marker.clear();
                case AFTER_EACH_MIGRATE_ERROR -> marker.failed("failed"); // the engine then records Flyway's message
                default -> { }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the migration's progress in " + RunMarker.TABLE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "catalog-run-marker";
    }
}
