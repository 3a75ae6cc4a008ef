package furniture.catalog.migrations;

import furniture.catalog.migrations.history.AppliedMigration;
import furniture.catalog.migrations.history.RunMarker;
import furniture.catalog.migrations.history.SchemaHistory;
import furniture.catalog.migrations.lock.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flywaydb.core.api.FlywayException;

/** {@code stamp}: the version recorded by hand, no DDL run; settles a stopped migration. */
final class Stamp {
    private final MigrationContext ctx;

    Stamp(MigrationContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Records {@code target} as the current version without running any DDL. Nothing is erased: the versions above
     * {@code target} that counted, and any migration that failed, get a row that cancels theirs (Flyway's own DELETE
     * rows, as its repair writes them), and when {@code target} is above what then counts, a baseline row of the stamp's
     * own says the versions up to it count. A baseline above {@code target} (an earlier stamp's) is the one row that
     * goes: Flyway counts the highest baseline, and no row can cancel one.
     */
    int stamp(String target) {
        MigrationSet set = ctx.migrations();
        int version = set.resolve(target);
        try (Connection c = ctx.connector().connect()) {
            SchemaHistory history = new SchemaHistory(c);
            if (!history.exists()) {
                try {
                    ctx.flyway(set).baselineVersion(Integer.toString(version)).baselineDescription(SchemaHistory.STAMP_DESCRIPTION)
                            .load().baseline();
                } catch (FlywayException e) {
                    throw MigrationException.failure("stamp failed: " + MigrationContext.firstLine(e.getMessage()), e);
                }
                return version;
            }
            try (MigrationLock lock = MigrationLock.acquire(c)) {
                List<AppliedMigration> live = new ArrayList<>(MigrationContext.state(c).live());
                Collections.reverse(live);
                for (AppliedMigration row : live) {
                    if (!row.baseline() && row.version() != null && (row.versionNumber() > version || !row.success())) {
                        history.insertCancel(row, ctx.installedBy(), SchemaHistory.STAMP_DESCRIPTION);
                    }
                }
                history.deleteBaselinesAbove(version);
                if (version > MigrationContext.state(c).version()) {
                    history.insertBaseline(version, ctx.installedBy(), SchemaHistory.STAMP_DESCRIPTION);
                }
                new RunMarker(c).clear();
            }
            return version;
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }
}
