package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.history.HistoryEntry;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production move: a database the Python original built, with rows, is taken over without replaying its DDL. */
@CatalogDatabase
class AdoptFlaskMigrateDatabaseTest {

    @Test
    void upgradeAdoptsTheAlembicRevisionAndContinuesWithoutLosingARow(TestDatabase db, @TempDir Path backups) throws Exception {
        db.recreate();
        Rows.runResource(db, "/flask-migrate/revision_6067bf0c7322_with_rows.sql");
        Map<String, List<String>> before = new LinkedHashMap<>();
        for (String table : List.of("colors", "roles", "wood_types")) {
            before.put(table, Rows.of(db, table));
        }
        MigrationEngine engine = Engines.engine(db, backups);
        assertTrue(engine.current().contains("6067bf0c7322 (= version 3)"), engine.current());
        assertTrue(engine.check().message().contains("managed by Flask-Migrate"), engine.check().message());

        List<Step> steps = Engines.upgrade(engine, "head");

        assertEquals(List.of(3, 4, 5, 6), steps.stream().map(Step::version).toList());
        assertTrue(steps.get(0).action().startsWith("adopted"), steps.get(0).line());
        for (Map.Entry<String, List<String>> table : before.entrySet()) {
            List<String> withVersion = table.getValue().stream().map(row -> row + " | 1").toList();
            assertEquals(withVersion, Rows.of(db, table.getKey()), table.getKey() + ": every row kept, at row version 1");
        }
        assertEquals(4, before.get("colors").size());
        assertEquals(new CheckResult(true, "at head (6), checksums valid", 6, 0), engine.check());
        assertEquals(List.of("adopted", "adopted", "adopted", "applied", "applied", "applied"),
                engine.history().stream().map(HistoryEntry::state).toList());
    }

    @Test
    void upgradePlusOneFromAnAdoptedRevisionCountsFromThatRevision(TestDatabase db, @TempDir Path backups) throws Exception {
        db.recreate();
        Rows.runResource(db, "/flask-migrate/revision_6067bf0c7322_with_rows.sql");
        MigrationEngine engine = Engines.engine(db, backups);
        Engines.upgrade(engine, "+1");
        assertEquals(4, engine.state().version());
        assertEquals(4, Rows.of(db, "colors").size());
    }

    @Test
    void stampAcceptsTheAlembicRevisionIds(TestDatabase db, @TempDir Path backups) throws Exception {
        db.recreate();
        Rows.runResource(db, "/flask-migrate/revision_6067bf0c7322_with_rows.sql");
        MigrationEngine engine = Engines.engine(db, backups);
        engine.stamp("6067bf0c7322");
        assertEquals(3, engine.state().version());
        Engines.upgrade(engine, "head");
        assertEquals(4, Rows.of(db, "colors").size());
    }
}
