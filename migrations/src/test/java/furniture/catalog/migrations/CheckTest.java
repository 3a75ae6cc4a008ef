package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} passes only at head with valid checksums, and otherwise names the cause. */
@CatalogDatabase
class CheckTest {
    private final TestDatabase db;
    private final Path backups;
    private final Path scripts;

    CheckTest(TestDatabase db, @TempDir Path backups, @TempDir Path scripts) {
        this.db = db;
        this.backups = backups;
        this.scripts = scripts;
    }

    @BeforeEach
    void emptyDatabase() throws Exception {
        db.recreate();
        Engines.copyOfScripts(scripts);
    }

    @Test
    void atHeadWithValidChecksumsPasses() {
        MigrationEngine engine = Engines.engine(db, backups);
        Engines.upgrade(engine, "head");
        assertEquals(new CheckResult(true, "at head (6), checksums valid", 6, 0), engine.check());
    }

    @Test
    void ourChecksumsAreTheOnesFlywayRecords() throws SQLException {
        MigrationEngine engine = Engines.engine(db, backups);
        Engines.upgrade(engine, "head");
        for (Migration m : engine.migrations().all()) {
            assertEquals(m.checksum(), db.queryLong("SELECT checksum FROM flyway_schema_history WHERE version = '" + m.version() + "'"));
        }
    }

    @Test
    void pendingMigrationsAreCountedAndNamed() {
        MigrationEngine engine = Engines.engine(db, backups);
        Engines.upgrade(engine, "3");
        CheckResult result = engine.check();
        assertFalse(result.ok());
        assertEquals("3 pending (4, 5, 6): the database is at 3, head is 6; run `catalog db upgrade`", result.message());
    }

    @Test
    void anAppliedMigrationThatChangedIsNamed() throws Exception {
        MigrationEngine engine = Engines.engine(db, backups, scripts);
        Engines.upgrade(engine, "head");
        Path v3 = scripts.resolve("V3__6067bf0c7322_add_table_wood_types.sql");
        Files.writeString(v3, Files.readString(v3).replace("VARCHAR(255)", "VARCHAR(300)"));
        CheckResult result = Engines.engine(db, backups, scripts).check();
        assertFalse(result.ok());
        assertTrue(result.message().startsWith("applied migration 3 changed after it ran"), result.message());
        MigrationException upgrade = assertThrows(MigrationException.class,
                () -> Engines.upgrade(Engines.engine(db, backups, scripts), "head"));
        assertTrue(upgrade.getMessage().startsWith("applied migration 3 changed after it ran"));
    }

    @Test
    void aVersionThisBuildDoesNotKnowIsNamed() throws Exception {
        addMigration(7, "add_hex", "ALTER TABLE colors ADD COLUMN hex CHAR(7) NULL;", "ALTER TABLE colors DROP COLUMN hex;");
        addMigration(8, "add_rgb", "ALTER TABLE colors ADD COLUMN rgb INT NULL;", "ALTER TABLE colors DROP COLUMN rgb;");
        Engines.upgrade(Engines.engine(db, backups, scripts), "head");
        CheckResult result = Engines.engine(db, backups).check();
        assertEquals(new CheckResult(false, "database is at 8, which this build does not know (it knows up to 6); use the build that migrated it", 8, -1), result);
    }

    @Test
    void twoMigrationsClaimingOneVersionAreNamed() throws Exception {
        addMigration(7, "add_hex", "ALTER TABLE colors ADD COLUMN hex CHAR(7) NULL;", "ALTER TABLE colors DROP COLUMN hex;");
        addMigration(7, "add_supplier", "ALTER TABLE wood_types ADD COLUMN supplier VARCHAR(100) NULL;", "ALTER TABLE wood_types DROP COLUMN supplier;");
        MigrationEngine engine = Engines.engine(db, backups, scripts);
        CheckResult result = engine.check();
        assertEquals(new CheckResult(false, "two migrations claim version 7: V7__add_hex.sql, V7__add_supplier.sql (two branches each "
                + "added one); run `catalog db merge` to give the one added later the next free version"), result);
        assertThrows(MigrationException.class, () -> Engines.upgrade(engine, "head"));
    }

    @Test
    void aMigrationThatFailedHalfwayIsNamedWithHowToRecover() throws Exception {
        addMigration(7, "add_hex_and_bad", "ALTER TABLE colors ADD COLUMN hex CHAR(7) NULL;\nALTER TABLE no_such_table ADD COLUMN x INT;",
                "ALTER TABLE colors DROP COLUMN hex;");
        MigrationEngine engine = Engines.engine(db, backups, scripts);
        MigrationException failure = assertThrows(MigrationException.class, () -> Engines.upgrade(engine, "head"));
        assertTrue(failure.getMessage().startsWith("upgrade failed"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("Table '" + db.name() + ".no_such_table' doesn't exist; `catalog db check` says "
                + "what ran and how to recover"), failure.getMessage());
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
                + "AND table_name = 'colors' AND column_name = 'hex'"), "MySQL kept the first statement's change");

        CheckResult result = engine.check();
        assertFalse(result.ok());
        assertTrue(result.message().startsWith("upgrade of 7 (V7__add_hex_and_bad.sql) stopped after 1 of 2 statements: "
                + "Failed to execute script V7__add_hex_and_bad.sql: Table '" + db.name() + ".no_such_table' doesn't exist; "
                + "MySQL DDL is not transactional"), result.message());
        assertTrue(result.message().contains("`catalog db stamp 6`"), result.message());
        assertTrue(engine.current().contains("FAILED partway"), engine.current());

        // The recovery the message gives: undo by hand, stamp the previous version, fix the script, upgrade.
        db.execute("ALTER TABLE colors DROP COLUMN hex");
        engine.stamp("6");
        Files.writeString(scripts.resolve("V7__add_hex_and_bad.sql"), "ALTER TABLE colors ADD COLUMN hex CHAR(7) NULL;\n");
        MigrationEngine fixed = Engines.engine(db, backups, scripts);
        Engines.upgrade(fixed, "head");
        assertEquals(new CheckResult(true, "at head (7), checksums valid", 7, 0), fixed.check());
    }

    @Test
    void tablesWithoutAnyHistoryAreNamed() throws Exception {
        db.execute("CREATE TABLE colors (id_color INT PRIMARY KEY)");
        CheckResult result = Engines.engine(db, backups).check();
        assertEquals(new CheckResult(false, "database has tables (colors) but no migration history; "
                + "`catalog db stamp VERSION` the version its schema matches", 0, -1), result);
    }

    @Test
    void aMigrationWithoutItsDowngradeScriptIsNamed() throws Exception {
        Files.writeString(scripts.resolve("V7__no_way_back.sql"), "SELECT 1;\n");
        assertEquals(new CheckResult(false, "migration 7 (V7__no_way_back.sql) has no downgrade script D7__no_way_back.sql"),
                Engines.engine(db, backups, scripts).check());
    }

    private void addMigration(int version, String name, String up, String down) throws Exception {
        Files.writeString(scripts.resolve("V" + version + "__" + name + ".sql"), up + "\n");
        Files.writeString(scripts.resolve("D" + version + "__" + name + ".sql"), down + "\n");
    }
}
