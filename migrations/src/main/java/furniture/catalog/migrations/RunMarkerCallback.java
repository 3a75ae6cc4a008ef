package furniture.catalog.migrations;

import java.sql.SQLException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Keeps the {@link RunMarker} while Flyway's migrate runs each upgrade script. */
final class RunMarkerCallback implements Callback {
    private final MigrationSet set;
    private final RunMarker marker;

    RunMarkerCallback(MigrationSet set, RunMarker marker) {
        this.set = set;
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
                    Migration m = set.find(version).orElse(null);
                    int statements = m == null ? 0 : SqlScript.statements(set.source().read(m.script())).size();
                    marker.begin("upgrade", version, info.getScript(), statements);
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
