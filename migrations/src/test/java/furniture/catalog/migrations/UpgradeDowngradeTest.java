package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.history.HistoryEntry;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upgrade and downgrade by steps, to versions and to base; each migration's downgrade undoes it exactly. */
@CatalogDatabase
class UpgradeDowngradeTest {
    private final TestDatabase db;
    private final MigrationEngine engine;

    UpgradeDowngradeTest(TestDatabase db, @TempDir Path backups) {
        this.db = db;
        this.engine = Engines.engine(db, backups);
    }

    @BeforeEach
    void emptyDatabase() throws SQLException {
        db.recreate();
    }

    @ParameterizedTest(name = "migration {0}: up, down, up leaves an identical schema")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void upDownUpLeavesAnIdenticalSchema(int version) throws SQLException {
        Engines.upgrade(engine, Integer.toString(version));
        List<String> before = SchemaSnapshot.all(db);
        List<Step> down = Engines.downgrade(engine, "-1");
        assertEquals(List.of(version), down.stream().map(Step::version).toList());
        assertEquals(version - 1, engine.state().version());
        List<String> without = SchemaSnapshot.all(db);
        assertTrue(without.size() < before.size(), "the downgrade removed the table");
        Engines.upgrade(engine, "+1");
        assertEquals(before, SchemaSnapshot.all(db));
    }

    @Test
    void plusNGoesUpThatManySteps() {
        assertEquals(List.of(1, 2), Engines.upgrade(engine, "+2").stream().map(Step::version).toList());
        assertEquals(List.of(3), Engines.upgrade(engine, "+1").stream().map(Step::version).toList());
        assertEquals(3, engine.state().version());
    }

    @Test
    void minusNGoesDownThatManySteps() {
        Engines.upgrade(engine, "head");
        assertEquals(List.of(6, 5, 4), Engines.downgrade(engine, "-3").stream().map(Step::version).toList());
        assertEquals(3, engine.state().version());
    }

    @Test
    void upgradeAndDowngradeToAVersionOrAnAlembicRevision() {
        Engines.upgrade(engine, "4");
        assertEquals(4, engine.state().version());
        Engines.downgrade(engine, "e57af1e0a8f8");
        assertEquals(2, engine.state().version());
        Engines.upgrade(engine, "1114dac3f5e4");
        assertEquals(5, engine.state().version());
    }

    @Test
    void downgradeBaseRemovesEveryTable() throws SQLException {
        Engines.upgrade(engine, "head");
        assertEquals(List.of(6, 5, 4, 3, 2, 1), Engines.downgrade(engine, "base").stream().map(Step::version).toList());
        assertEquals(0, engine.state().version());
        assertEquals(List.of(), SchemaSnapshot.tables(db));
        assertTrue(engine.current().startsWith("base"), engine.current());
    }

    @Test
    void upgradeAtHeadDoesNothing() {
        Engines.upgrade(engine, "head");
        assertEquals(List.of(), Engines.upgrade(engine, "head"));
    }

    @Test
    void currentSaysHeadOrHowManyArePending() {
        assertEquals("base (no migration applied) - 6 pending", engine.current());
        Engines.upgrade(engine, "+3");
        assertEquals("3 (6067bf0c7322 add table wood types) - 3 pending", engine.current());
        Engines.upgrade(engine, "head");
        assertEquals("6 (add row version) (head)", engine.current());
    }

    @Test
    void historyListsAppliedAndPendingWithWhenAndByWhom() {
        Engines.upgrade(engine, "+2");
        List<HistoryEntry> history = engine.history();
        assertEquals(List.of("applied", "applied", "pending", "pending", "pending", "pending"), history.stream().map(HistoryEntry::state).toList());
        HistoryEntry first = history.get(0);
        assertEquals("test", first.appliedBy());
        assertEquals("ok", first.checksumState());
        assertTrue(first.appliedAt() != null && first.executionMs() != null);
        assertTrue(history.get(5).head());
    }

    @Test
    void badTargetsAreUsageErrorsThatChangeNothing() {
        Engines.upgrade(engine, "+2");
        assertUsage("+0 is not a step: use +1 or more", () -> Engines.upgrade(engine, "+0"));
        assertUsage("cannot go up 5 steps: only 4 pending above 2", () -> Engines.upgrade(engine, "+5"));
        assertUsage("unknown version 9: this build knows 1 to 6", () -> Engines.upgrade(engine, "9"));
        assertUsage("cannot go down 99 steps: the database is at 2, 2 steps above base", () -> Engines.downgrade(engine, "-99"));
        assertUsage("-0 is not a step: use -1 or more", () -> Engines.downgrade(engine, "-0"));
        assertUsage("the database is at 2, not above 4; use `catalog db upgrade 4`", () -> Engines.downgrade(engine, "4"));
        assertUsage("the database is at 2, past 1; use `catalog db downgrade 1` to go back", () -> Engines.upgrade(engine, "1"));
        assertUsage("'sideways' is not a version: give a number (1 to 6), an Alembic revision id, head or base",
                () -> Engines.upgrade(engine, "sideways"));
        assertUsage("unknown revision abcdefabcdef: it is none of the Python original's revisions this build reproduces",
                () -> engine.stamp("abcdefabcdef"));
        assertEquals(2, engine.state().version());
    }

    @Test
    void stampRecordsAVersionWithoutRunningDdl() throws SQLException {
        assertEquals(3, engine.stamp("3"));
        assertEquals(3, engine.state().version());
        assertEquals(List.of(), SchemaSnapshot.tables(db), "no table was created");
        assertEquals(List.of("stamped", "stamped", "stamped", "pending", "pending", "pending"),
                engine.history().stream().map(HistoryEntry::state).toList());
        engine.stamp("head");
        assertEquals(6, engine.state().version());
        engine.stamp("base");
        assertEquals(0, engine.state().version());
        engine.stamp("c9f0b720f6c2");
        assertEquals(4, engine.state().version());
    }

    @Test
    void downgradeBelowAStampKeepsTheVersionsUnderneath() {
        Engines.upgrade(engine, "head");
        engine.stamp("6");
        Engines.downgrade(engine, "-2");
        assertEquals(4, engine.state().version());
        Engines.upgrade(engine, "head");
        assertEquals(6, engine.state().version());
    }

    private static void assertUsage(String message, org.junit.jupiter.api.function.Executable action) {
        MigrationException e = assertThrows(MigrationException.class, action);
        assertEquals(MigrationException.Kind.USAGE, e.kind());
        assertEquals(message, e.getMessage());
    }
}
