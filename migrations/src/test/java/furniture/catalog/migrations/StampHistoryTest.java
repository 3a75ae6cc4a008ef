package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.history.HistoryEntry;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stamp, and a downgrade, keep the history: every row that was there stays, the stamp writes rows of its own, and
 * Flyway's next migrate reads the result as the engine does (it runs what the stamp made pending, and only that).
 */
@CatalogDatabase
class StampHistoryTest {
    private final TestDatabase db;
    private final MigrationEngine engine;

    StampHistoryTest(TestDatabase db, @TempDir Path backups) {
        this.db = db;
        this.engine = Engines.engine(db, backups);
    }

    @BeforeEach
    void emptyDatabase() throws SQLException {
        db.recreate();
    }

    /** Runs a downgrade script by hand, as someone undoing a migration outside the tool would. */
    private void runByHand(String script) throws SQLException {
        Rows.runScript(db, ScriptSource.classpath().read(script));
    }

    private List<String> states() {
        return engine.history().stream().map(HistoryEntry::state).toList();
    }

    @Test
    void aStampBelowKeepsEveryRowAndTheNextUpgradeRunsWhatItMadePending() throws SQLException {
        Engines.upgrade(engine, "head");
        List<HistoryEntry> before = engine.history();
        runByHand("D6__add_row_version.sql");
        runByHand("D5__1114dac3f5e4_agregar_tabla_tipo_de_mueble.sql");

        assertEquals(4, engine.stamp("4"));

        assertEquals(4, engine.state().version());
        assertEquals(8, db.queryLong("SELECT COUNT(*) FROM flyway_schema_history"), "the six rows stay; the stamp adds two");
        assertEquals(List.of("applied", "applied", "applied", "applied", "pending", "pending"), states());
        List<HistoryEntry> after = engine.history();
        for (int i = 0; i < 4; i++) {
            assertEquals(before.get(i).appliedAt(), after.get(i).appliedAt(), "version " + (i + 1) + " keeps when it was applied");
            assertEquals(before.get(i).appliedBy(), after.get(i).appliedBy());
            assertEquals("ok", after.get(i).checksumState());
        }
        HistoryEntry five = after.get(4);
        assertEquals(List.of("applied", "unapplied by a stamp"), five.earlier().stream().map(HistoryEntry.Event::what).toList());
        assertEquals(before.get(4).appliedAt(), five.earlier().get(0).at(), "version 5's first apply is still there");

        List<Step> again = Engines.upgrade(engine, "head");
        assertEquals(List.of(5, 6), again.stream().map(Step::version).toList(), "Flyway runs exactly what the stamp made pending");
        assertTrue(engine.check().ok(), engine.check().message());
        HistoryEntry fiveAgain = engine.history().get(4);
        assertEquals("applied", fiveAgain.state());
        assertEquals(List.of("applied", "unapplied by a stamp"), fiveAgain.earlier().stream().map(HistoryEntry.Event::what).toList());
    }

    @Test
    void aStampAboveIsARowOfItsOwnThatCountsTheVersionsUpToIt() throws SQLException {
        Engines.upgrade(engine, "3");
        Instant three = engine.history().get(2).appliedAt();
        Rows.runScript(db, ScriptSource.classpath().read("V4__c9f0b720f6c2_add_unit_of_measures_table.sql"));

        engine.stamp("4");

        assertEquals(List.of("applied", "applied", "applied", "stamped", "pending", "pending"), states());
        assertEquals(three, engine.history().get(2).appliedAt(), "version 3's row is untouched");
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM flyway_schema_history WHERE type = 'BASELINE' AND version = '4'"));
        assertEquals(List.of(5, 6), Engines.upgrade(engine, "head").stream().map(Step::version).toList(), "4 is not run again");
        assertTrue(engine.check().ok(), engine.check().message());

        // Below that stamp: Flyway counts the highest baseline, so that one row goes; the applied rows get cancels.
        runByHand("D6__add_row_version.sql");
        runByHand("D5__1114dac3f5e4_agregar_tabla_tipo_de_mueble.sql");
        runByHand("D4__c9f0b720f6c2_add_unit_of_measures_table.sql");
        engine.stamp("3");
        assertEquals(List.of("applied", "applied", "applied", "pending", "pending", "pending"), states());
        assertEquals(List.of(4, 5, 6), Engines.upgrade(engine, "head").stream().map(Step::version).toList());
        assertTrue(engine.check().ok(), engine.check().message());
    }

    @Test
    void aDowngradeKeepsTheRowsOfWhatItUndid(@TempDir Path dir) throws Exception {
        Path scripts = Engines.copyOfScripts(dir);
        MigrationEngine onCopy = Engines.engine(db, dir.resolve("backups"), scripts);
        Engines.upgrade(onCopy, "head");
        Engines.downgrade(onCopy, "-1");
        assertEquals(7, db.queryLong("SELECT COUNT(*) FROM flyway_schema_history"), "the six rows and the downgrade's");
        assertEquals(List.of("applied", "downgraded"),
                onCopy.history().get(5).earlier().stream().map(HistoryEntry.Event::what).toList());

        // The everyday loop: down, edit the script that has not left this machine, up again.
        Path six = scripts.resolve("V6__add_row_version.sql");
        Files.writeString(six, Files.readString(six) + "\n-- edited after the downgrade\n");
        assertEquals(List.of(6), Engines.upgrade(onCopy, "head").stream().map(Step::version).toList());
        MigrationEngine nextCommand = Engines.engine(db, dir.resolve("backups"), scripts); // reads the edited script
        assertTrue(nextCommand.check().ok(), nextCommand.check().message());
        assertEquals(List.of("applied", "downgraded"), nextCommand.history().get(5).earlier().stream().map(HistoryEntry.Event::what).toList());
    }

    @Test
    void aStampSettlesAFailedMigrationAndKeepsItsRow(@TempDir Path dir) throws Exception {
        Path scripts = Engines.copyOfScripts(dir);
        Files.writeString(scripts.resolve("V7__broken.sql"), "ALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL;\nALTER TABLE no_such_table ADD x INT;\n");
        Files.writeString(scripts.resolve("D7__broken.sql"), "ALTER TABLE colors DROP COLUMN hex_code;\n");
        MigrationEngine onCopy = Engines.engine(db, dir.resolve("backups"), scripts);
        Engines.upgrade(onCopy, "6");
        org.junit.jupiter.api.Assertions.assertThrows(MigrationException.class, () -> Engines.upgrade(onCopy, "head"));
        assertTrue(!onCopy.check().ok());

        // Finished by hand: the column is there; fix the script for the next databases, record 7.
        Files.writeString(scripts.resolve("V7__broken.sql"), "ALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL;\n");
        MigrationEngine fixed = Engines.engine(db, dir.resolve("backups"), scripts);
        fixed.stamp("7");
        assertTrue(fixed.check().ok(), fixed.check().message());
        HistoryEntry seven = fixed.history().get(6);
        assertEquals("stamped", seven.state());
        assertEquals(List.of("failed", "unapplied by a stamp"), seven.earlier().stream().map(HistoryEntry.Event::what).toList(),
                "the failure is still in the history");
        Engines.downgrade(fixed, "-1");
        assertEquals(6, fixed.state().version());
        assertEquals(List.of(7), Engines.upgrade(fixed, "head").stream().map(Step::version).toList());
    }
}
