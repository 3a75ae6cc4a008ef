package furniture.catalog.migrations;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;

/** {@code stamp}: the version recorded by hand, no DDL run; settles a stopped migration. */
final class Stamp {
    private final MigrationContext ctx;

    Stamp(MigrationContext ctx) {
        this.ctx = ctx;
    }

    /** Records {@code target} as the current version without running any DDL. */
    int stamp(String target) {
        MigrationSet set = ctx.migrations();
        int version = set.resolve(target);
        try (Connection c = ctx.connector().connect()) {
            SchemaHistory history = new SchemaHistory(c);
            if (!history.exists()) {
                try {
                    ctx.flyway(set).baselineVersion(Integer.toString(version)).load().baseline();
                } catch (FlywayException e) {
                    throw MigrationException.failure("stamp failed: " + MigrationContext.firstLine(e.getMessage()), e);
                }
                return version;
            }
            try (MigrationLock lock = MigrationLock.acquire(c)) {
                history.deleteAll();
                if (version > 0) {
                    history.insertBaseline(version, ctx.installedBy());
                }
                new RunMarker(c).clear();
            }
            return version;
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }
}
