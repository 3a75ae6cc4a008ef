package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration that fails partway leaves a marker: check, current and history say what stopped where, upgrade and
 * downgrade refuse with the steps to recover, and a stamp (the recovery) clears it. Killed processes: StoppedMigrationProcessTest.
 */
@CatalogDatabase
class StoppedMigrationTest {
    private final TestDatabase db;
    private final Path backups;

    StoppedMigrationTest(TestDatabase db, @TempDir Path backups) {
        this.db = db;
        this.backups = backups;
    }

    @BeforeEach
    void empty() throws Exception {
        db.recreate();
    }

    @Test
    void aDowngradeWhoseThirdStatementFailsIsReportedUntilItIsSettled(@TempDir Path dir) throws Exception {
        Path scripts = Engines.copyOfScripts(dir);
        Path d6 = scripts.resolve("D6__add_row_version.sql");
        Files.writeString(d6, Files.readString(d6).replace("ALTER TABLE wood_types DROP COLUMN row_version;",
                "ALTER TABLE wood_types DROP COLUMN no_such_column;"));
        MigrationEngine engine = Engines.engine(db, backups, scripts);
        Engines.upgrade(engine, "head");

        MigrationException failed = assertThrows(MigrationException.class, () -> Engines.downgrade(engine, "5"));
        assertTrue(failed.getMessage().startsWith("downgrade of 6 (add row version) failed: "), failed.getMessage());
        String expected = "downgrade of 6 (D6__add_row_version.sql) stopped after 2 of 5 statements: Can't DROP COLUMN "
                + "`no_such_column`; check that it exists; MySQL DDL is not transactional, so the schema is between 6 and 5: "
                + "compare it with D6__add_row_version.sql, then either undo what ran and `catalog db stamp 6`, or finish it "
                + "by hand and `catalog db stamp 5`";
        CheckResult check = engine.check();
        assertFalse(check.ok(), "check no longer says 'at head' while furniture_type has lost a column");
        assertEquals(expected, check.message());
        assertEquals("6 - downgrade of 6 FAILED partway; run `catalog db check` for how to recover", engine.current());
        assertEquals("downgrade failed", engine.history().stream().filter(h -> h.version() == 6).findFirst().orElseThrow().state());
        assertEquals(expected, assertThrows(MigrationException.class, () -> Engines.upgrade(engine, "head")).getMessage());
        assertEquals(expected, assertThrows(MigrationException.class, () -> Engines.downgrade(engine, "4")).getMessage());

        // The operator finishes it by hand, then says where it is.
        db.execute("ALTER TABLE wood_types DROP COLUMN row_version", "ALTER TABLE roles DROP COLUMN row_version",
                "ALTER TABLE colors DROP COLUMN row_version");
        engine.stamp("5");
        assertEquals("1 pending (6): the database is at 5, head is 6; run `catalog db upgrade`", engine.check().message());
        Engines.upgrade(engine, "head");
        assertTrue(engine.check().ok(), engine.check().message());
    }

    @Test
    void anUpgradeWhoseSecondStatementFailsIsReportedUntilItIsSettled(@TempDir Path dir) throws Exception {
        Path scripts = Engines.copyOfScripts(dir);
        Files.writeString(scripts.resolve("V7__two_tables.sql"),
                "CREATE TABLE v7_a (id INT PRIMARY KEY);\nALTER TABLE no_such_table ADD COLUMN x INT;\nCREATE TABLE v7_b (id INT PRIMARY KEY);\n");
        Files.writeString(scripts.resolve("D7__two_tables.sql"), "DROP TABLE v7_b;\nDROP TABLE v7_a;\n");
        MigrationEngine engine = Engines.engine(db, backups, scripts);
        Engines.upgrade(engine, "6");

        MigrationException failed = assertThrows(MigrationException.class, () -> Engines.upgrade(engine, "head"));
        assertTrue(failed.getMessage().startsWith("upgrade failed: "), failed.getMessage());
        String message = engine.check().message();
        assertTrue(message.startsWith("upgrade of 7 (V7__two_tables.sql) stopped"), message);
        assertTrue(message.contains("no_such_table"), "the database's own error: " + message);
        assertTrue(message.endsWith("so the schema is between 6 and 7: compare it with V7__two_tables.sql, then either undo "
                + "what ran and `catalog db stamp 6`, or finish it by hand and `catalog db stamp 7`"), message);
        assertEquals("6 - upgrade of 7 FAILED partway; run `catalog db check` for how to recover", engine.current());
        assertEquals(message, assertThrows(MigrationException.class, () -> Engines.upgrade(engine, "head")).getMessage());

        db.execute("DROP TABLE v7_a");
        engine.stamp("6");
        assertEquals("1 pending (7): the database is at 6, head is 7; run `catalog db upgrade`", engine.check().message());
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM catalog_migration_run"), "the stamp settled it");
    }
}
