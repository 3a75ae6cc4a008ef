package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two deployments upgrading one empty database at the same moment: both succeed, each migration runs once. */
@CatalogDatabase
class ConcurrentUpgradeTest {

    @Test
    void twoProcessesUpgradingTheSameEmptyDatabaseBothSucceedAndApplyEachMigrationOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("CATALOG_DB_URL", db.url(), "CATALOG_DB_USER", db.user(), "CATALOG_DB_PASSWORD", db.password());
        Process first = Cli.start(env, dir, "db", "upgrade");
        Process second = Cli.start(env, dir, "db", "upgrade");
        Cli a = Cli.finish(first);
        Cli b = Cli.finish(second);
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        assertEquals(6, db.queryLong("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND type = 'SQL'"));
        assertEquals(6, db.queryLong("SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE type = 'SQL'"));
        long applied = a.outLines().stream().filter(l -> l.startsWith("applied ")).count()
                + b.outLines().stream().filter(l -> l.startsWith("applied ")).count();
        assertEquals(6, applied, "between them the two processes applied each migration once:\n" + a.out() + b.out());
    }
}
