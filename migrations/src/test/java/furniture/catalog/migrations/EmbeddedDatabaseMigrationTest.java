package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Always on the embedded MariaDB, even when CI names a server: the newcomer's default stays tested. */
@CatalogDatabase(embedded = true)
class EmbeddedDatabaseMigrationTest {

    @Test
    void theEmbeddedMariaDbMigratesToHeadAndBackToBase(TestDatabase db, @TempDir Path backups) throws Exception {
        assertTrue(db.embedded());
        MigrationEngine engine = Engines.engine(db, backups);
        Engines.upgrade(engine, "head");
        assertEquals(new CheckResult(true, "at head (6), checksums valid", 6, 0), engine.check());
        assertEquals(5, SchemaSnapshot.tables(db).size());
        Engines.downgrade(engine, "base");
        assertEquals(0, engine.state().version());
    }
}
