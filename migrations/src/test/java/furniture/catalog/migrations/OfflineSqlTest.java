package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `upgrade --sql` and `downgrade --sql` print the SQL the command would run and change nothing; run by hand with the
 * stock client, that SQL leaves the schema and the history exactly as the command does.
 */
@CatalogDatabase
class OfflineSqlTest {
    private final TestDatabase db;
    private final MigrationEngine engine;

    OfflineSqlTest(TestDatabase db, @TempDir Path backups) {
        this.db = db;
        this.engine = Engines.engine(db, backups);
    }

    @BeforeEach
    void empty() throws Exception {
        db.recreate();
    }

    @Test
    void theUpgradeSqlRunByHandGivesWhatUpgradeGives() throws Exception {
        String sql = engine.upgradeSql("head");
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"),
                "printing changed nothing");
        assertTrue(sql.startsWith("-- The SQL `catalog db upgrade` would run on `" + db.name() + "`, from base to 6"), sql);

        StockClient.run(db, sql);
        assertEquals(new CheckResult(true, "at head (6), checksums valid", 6, 0), engine.check(), "checksums as Flyway's");
        List<String> byHand = everything();

        db.recreate();
        Engines.upgrade(engine, "head");
        assertEquals(everything(), byHand);
    }

    @Test
    void theDowngradeSqlRunByHandGivesWhatDowngradeGivesAndNamesTheDataItDrops() throws Exception {
        Engines.upgrade(engine, "head");
        db.execute("INSERT INTO colors (name, active) VALUES ('Oak', 1)");
        String sql = engine.downgradeSql("3");
        assertEquals(6, engine.check().version(), "printing changed nothing");
        assertTrue(sql.contains("-- 6 (add row version): D6__add_row_version.sql\n-- Downgrade of version 6: drop the row version counters.\n"
                + "ALTER TABLE furniture_type DROP COLUMN row_version;\n"), "each statement as it runs, the script's comments included: " + sql);
        assertTrue(sql.contains("\n-- review: drops data: column colors.row_version (1 row)\nALTER TABLE colors DROP COLUMN row_version;\n"),
                "the note is on the statement that drops the data: " + sql);

        StockClient.run(db, sql);
        assertEquals("3 pending (4, 5, 6): the database is at 3, head is 6; run `catalog db upgrade`", engine.check().message());
        List<String> byHand = everything();

        db.recreate();
        Engines.upgrade(engine, "head");
        db.execute("INSERT INTO colors (name, active) VALUES ('Oak', 1)");
        engine.downgrade("3", true, s -> { });
        assertEquals(everything(), byHand);
    }

    /** The schema, and the history without its timing columns. */
    private List<String> everything() throws Exception {
        List<String> all = new java.util.ArrayList<>(SchemaSnapshot.columns(db));
        all.addAll(SchemaSnapshot.indexes(db));
        all.addAll(SchemaSnapshot.tables(db));
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version, description, type, script, checksum, success FROM flyway_schema_history ORDER BY installed_rank")) {
            all.addAll(Rows.asText(rs));
        }
        return all;
    }
}
