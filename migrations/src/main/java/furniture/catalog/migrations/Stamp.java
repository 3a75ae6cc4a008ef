package furniture.catalog.migrations;

import furniture.catalog.migrations.history.AppliedMigration;
import furniture.catalog.migrations.history.DatabaseState;
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
                DatabaseState before = MigrationContext.state(c);
                List<String> did = new ArrayList<>();
                List<AppliedMigration> live = new ArrayList<>(before.live());
                Collections.reverse(live);
                List<String> cancelled = new ArrayList<>();
                for (AppliedMigration row : live) {
                    if (!row.baseline() && row.version() != null && (row.versionNumber() > version || !row.success())) {
                        history.insertCancel(row, ctx.installedBy(), SchemaHistory.STAMP_DESCRIPTION);
                        cancelled.add(row.version() + (row.success() ? "" : " (failed)"));
                    }
                }
                if (!cancelled.isEmpty()) {
                    did.add("cancelled " + String.join(", ", cancelled));
                }
                for (AppliedMigration baseline : before.rows()) {
                    if (baseline.baseline() && baseline.versionNumber() > version) {
                        did.add("replaced the " + (baseline.stamp() ? "stamp" : "baseline") + " to " + baseline.version() + " of "
                                + baseline.installedOn() + " by " + baseline.installedBy());
                    }
                }
                history.deleteBaselinesAbove(version);
                if (version > MigrationContext.state(c).version()) {
                    history.insertBaseline(version, ctx.installedBy(), SchemaHistory.STAMP_DESCRIPTION);
                    did.add("counts every version up to " + version + " as applied");
                }
                RunMarker marker = new RunMarker(c);
                marker.current().ifPresent(run -> did.add("settled: " + run.describe(set.previous(run.version())).split(";")[0]));
                marker.clear();
                new MigrationLog(c).append("stamp " + target, ctx.installedBy(), "from " + (before.version() == 0 ? "base" : before.version())
                        + " to " + (version == 0 ? "base" : version) + (did.isEmpty() ? "" : ": " + String.join("; ", did)));
            }
            return version;
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }
}
