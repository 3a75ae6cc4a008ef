package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A downgrade never silently drops rows: it refuses, or saves them to a file that restores them. */
@CatalogDatabase
class DataLossGuardTest {
    private final TestDatabase db;
    private final Path backups;
    private final MigrationEngine engine;

    DataLossGuardTest(TestDatabase db, @TempDir Path backups) {
        this.db = db;
        this.backups = backups;
        this.engine = Engines.engine(db, backups);
    }

    @BeforeEach
    void headWithRows() throws Exception {
        db.recreate();
        Engines.upgrade(engine, "head");
        db.execute("INSERT INTO colors (name, active, created_by, deleted_at, deleted_by) VALUES "
                        + "('Red', 1, 'ana', NULL, NULL), ('O''Brien \\\\ grey', 0, 'luis', '2026-05-01 10:00:00', 'luis'), ('🪑 chair brown', 1, NULL, NULL, NULL)",
                "INSERT INTO unit_of_measures (name, abbreviation, active) VALUES ('centimetre', 'cm', 1)");
    }

    @Test
    void refusesToDropTablesThatHoldRowsAndSaysWhichAndHowMany() throws Exception {
        MigrationException e = assertThrows(MigrationException.class, () -> Engines.downgrade(engine, "base"));
        assertEquals("downgrade to base would drop table unit_of_measures (1 row), table colors (3 rows); "
                + "rerun with --allow-data-loss to write those rows to a backup file first", e.getMessage());
        assertEquals(6, engine.state().version(), "nothing was downgraded");
        assertEquals(3, Rows.of(db, "colors").size());
        try (var files = Files.list(backups)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void downgradesOfEmptyTablesNeedNoPermission() throws Exception {
        Engines.upgrade(engine, "head");
        db.execute("DELETE FROM unit_of_measures", "DELETE FROM colors");
        Engines.downgrade(engine, "4");
        assertEquals(4, engine.state().version());
    }

    @Test
    void withPermissionTheRowsGoToABackupThatRestoresThem() throws Exception {
        List<String> colors = Rows.of(db, "colors");
        List<String> units = Rows.of(db, "unit_of_measures");

        MigrationEngine.DowngradeResult result = engine.downgrade("base", true, s -> { });

        assertEquals(0, engine.state().version());
        Path backup = result.backup().orElseThrow();
        assertTrue(Files.exists(backup), backup.toString());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)),
                "only the owner may read the rows in a backup");
        Engines.upgrade(engine, "head");
        assertEquals(List.of(), Rows.of(db, "colors"));
        Rows.runScript(db, Files.readString(backup, StandardCharsets.UTF_8));
        assertEquals(colors, Rows.of(db, "colors"));
        assertEquals(units, Rows.of(db, "unit_of_measures"));
    }

    @Test
    void aDroppedColumnThatHoldsValuesIsGuardedToo(@TempDir Path scripts) throws Exception {
        Engines.copyOfScripts(scripts);
        Files.writeString(scripts.resolve("V7__add_colors_hex.sql"), "ALTER TABLE colors ADD COLUMN hex CHAR(7) NULL;\n");
        Files.writeString(scripts.resolve("D7__add_colors_hex.sql"), "ALTER TABLE colors DROP COLUMN hex, DROP INDEX IF EXISTS hex_idx;\n");
        MigrationEngine six = Engines.engine(db, backups, scripts);
        Engines.upgrade(six, "head");
        db.execute("UPDATE colors SET hex = '#ff0000' WHERE name = 'Red'");
        MigrationException e = assertThrows(MigrationException.class, () -> Engines.downgrade(six, "-1"));
        assertTrue(e.getMessage().contains("would drop column colors.hex (1 row)"), e.getMessage());
        db.execute("UPDATE colors SET hex = NULL");
        Engines.downgrade(six, "-1");
        assertEquals(6, six.state().version());
    }
}
