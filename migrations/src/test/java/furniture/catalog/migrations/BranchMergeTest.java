package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two branches each wrote version 7 with `revision`: `merge` keeps the first at 7 and moves the other to 8, headers fixed. */
@CatalogDatabase
class BranchMergeTest {

    @Test
    void theMigrationAddedLaterGetsTheNextFreeVersionAndUpgradesThenRunBoth(TestDatabase db, @TempDir Path main,
            @TempDir Path branch, @TempDir Path backups) throws Exception {
        Engines.copyOfScripts(main);
        Engines.copyOfScripts(branch);
        List<Path> hex = new RevisionWriter(main, Clock.systemUTC()).write("add hex");
        Files.writeString(hex.get(0), Files.readString(hex.get(0)) + "ALTER TABLE colors ADD COLUMN hex CHAR(7) NULL;\n");
        Files.writeString(hex.get(1), Files.readString(hex.get(1)) + "ALTER TABLE colors DROP COLUMN hex;\n");
        List<Path> supplier = new RevisionWriter(branch, Clock.systemUTC()).write("add supplier");
        Files.writeString(main.resolve("V7__add_supplier.sql"), Files.readString(supplier.get(0))
                + "ALTER TABLE wood_types ADD COLUMN supplier VARCHAR(100) NULL;\n");
        Files.writeString(main.resolve("D7__add_supplier.sql"), Files.readString(supplier.get(1))
                + "ALTER TABLE wood_types DROP COLUMN supplier;\n");
        MigrationEngine engine = Engines.engine(db, backups, main);
        db.recreate();
        assertTrue(engine.check().message().endsWith("run `catalog db merge` to give the one added later the next free version"));

        assertEquals(List.of("renumbered V7__add_supplier.sql to V8__add_supplier.sql (and its downgrade): V7__add_hex.sql was added "
                + "first and keeps version 7"), new BranchMerge(main).merge());
        assertFalse(Files.exists(main.resolve("V7__add_supplier.sql")));
        String up = Files.readString(main.resolve("V8__add_supplier.sql"));
        assertTrue(up.contains("-- Version 8, created ") && up.contains(", revises 7 (add hex).\n"), up);
        assertTrue(Files.readString(main.resolve("D8__add_supplier.sql")).contains("undo the upgrade of version 8 exactly"));
        assertEquals(List.of(), new BranchMerge(main).merge(), "nothing left to merge");

        MigrationEngine merged = Engines.engine(db, backups, main);
        Engines.upgrade(merged, "head");
        assertEquals(new CheckResult(true, "at head (8), checksums valid", 8, 0), merged.check());
        Engines.downgrade(merged, "6");
        assertEquals(6, merged.check().version());
    }
}
