package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.schema.Column;
import furniture.catalog.migrations.schema.ForeignKey;
import furniture.catalog.migrations.schema.Index;
import furniture.catalog.migrations.schema.Schema;
import furniture.catalog.migrations.schema.SchemaReader;
import furniture.catalog.migrations.schema.SqlType;
import furniture.catalog.migrations.schema.Table;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} for each of the original's "common migration patterns": the model changes, the generated V7 brings
 * the database to exactly the model, its D7 back to exactly version 6, and up again gives the same schema.
 */
@CatalogDatabase
class GeneratedMigrationTest {
    private final TestDatabase db;
    private final Path dir;

    GeneratedMigrationTest(TestDatabase db, @TempDir Path dir) {
        this.db = db;
        this.dir = dir;
    }

    @Test
    void addColumn() throws Exception {
        String v7 = upDownUp(model -> change(model, "colors", t -> withColumns(t, add(t.columns(), 2,
                new Column("hex_code", SqlType.parse("CHAR(7)"), true, null, false)))), false);
        assertTrue(v7.contains("ALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL AFTER name;\n"), v7);
    }

    @Test
    void dropColumnIsGuardedAndBacksUpItsRows() throws Exception {
        String v7 = upDownUp(model -> change(model, "wood_types", t -> withColumns(t,
                t.columns().stream().filter(c -> !c.name().equals("description")).toList())), true);
        assertTrue(v7.contains("-- review: drops data\nALTER TABLE wood_types DROP COLUMN description;\n"), v7);
        String d7 = Files.readString(dir.resolve("scripts/D7__pattern.sql"));
        assertTrue(d7.contains("ALTER TABLE wood_types ADD COLUMN description VARCHAR(255) NULL AFTER name;\n"), d7);
    }

    @Test
    void uniqueKey() throws Exception {
        String v7 = upDownUp(model -> change(model, "roles", t -> withIndexes(t, add(t.indexes(), 0,
                new Index("name_active", true, List.of("name", "active"))))), false);
        assertTrue(v7.contains("ALTER TABLE roles ADD UNIQUE KEY name_active (name, active);\n"), v7);
    }

    @Test
    void index() throws Exception {
        String v7 = upDownUp(model -> change(model, "colors", t -> withIndexes(t, add(t.indexes(), 0,
                new Index("colors_created_at", false, List.of("created_at"))))), false);
        assertTrue(v7.contains("ALTER TABLE colors ADD INDEX colors_created_at (created_at);\n"), v7);
    }

    @Test
    void foreignKey() throws Exception {
        String v7 = upDownUp(model -> change(model, "furniture_type", t -> new Table(t.name(),
                add(t.columns(), 2, new Column("id_wood_type", SqlType.parse("INT"), true, null, false)), t.primaryKey(), t.indexes(),
                List.of(new ForeignKey("furniture_type_wood_type", List.of("id_wood_type"), "wood_types", List.of("id_wood_type"), null)))),
                false);
        assertTrue(v7.contains("ALTER TABLE furniture_type ADD CONSTRAINT furniture_type_wood_type FOREIGN KEY (id_wood_type) "
                + "REFERENCES wood_types (id_wood_type);\n"), v7);
        String d7 = Files.readString(dir.resolve("scripts/D7__pattern.sql"));
        assertTrue(d7.indexOf("DROP FOREIGN KEY furniture_type_wood_type") < d7.indexOf("DROP COLUMN id_wood_type"), d7);
    }

    @Test
    void renameKeepsTheDataAndIsMarkedForReview() throws Exception {
        String v7 = upDownUp(model -> change(model, "wood_types", t -> withColumns(t, t.columns().stream()
                .map(c -> c.name().equals("description") ? new Column("details", c.type(), c.nullable(), c.defaultValue(), false) : c)
                .toList())), false);
        assertTrue(v7.contains("-- review: a column disappeared and one of the same type appeared in wood_types: written as a rename "
                + "of description to details, which keeps its data; if it is not a rename, replace it with a DROP and an ADD\n"
                + "ALTER TABLE wood_types RENAME COLUMN description TO details;\n"), v7);
        assertEquals("Oak from the north", db.queryString("SELECT details FROM wood_types WHERE name = 'Oak'"));
    }

    @Test
    void aDatabaseThatIsNotAtHeadIsRefusedAndNoChangeWritesNothing() throws Exception {
        db.recreate();
        Path scripts = Engines.copyOfScripts(Files.createDirectories(dir.resolve("scripts")));
        MigrationEngine engine = Engines.engine(db, dir, scripts);
        Engines.upgrade(engine, "4");
        Schema model = read();
        MigrationException e = assertThrows(MigrationException.class, () -> engine.withModel(model, "m").migrate("x", scripts));
        assertEquals("the database is at 4, head is 6; run `catalog db upgrade` first, so that the new migration starts from the "
                + "schema the others leave", e.getMessage());
        Engines.upgrade(engine, "head");
        Schema atHead = read();
        assertEquals(List.of(), engine.withModel(atHead, "m").migrate("nothing", scripts), "no changes detected: no file");
        assertEquals(12, Files.list(scripts).count());
    }

    /**
     * A database at 6 with a row in each table; the model is version 6 changed by {@code change}. Generates V7/D7, then
     * upgrades (with --allow-data-loss when {@code dropsData}, after checking it is refused without), checks the schema is
     * the model, downgrades, checks it is version 6 again, upgrades again and checks the schema is as the first time.
     * Returns V7's text.
     */
    private String upDownUp(UnaryOperator<Schema> change, boolean dropsData) throws Exception {
        db.recreate();
        Path scripts = Engines.copyOfScripts(Files.createDirectories(dir.resolve("scripts")));
        Engines.upgrade(Engines.engine(db, dir, scripts), "head");
        db.execute("INSERT INTO colors (name, active) VALUES ('Walnut', 1)", "INSERT INTO roles (name, active) VALUES ('admin', 1)",
                "INSERT INTO wood_types (name, description, active) VALUES ('Oak', 'Oak from the north', 1)");
        List<String> six = SchemaSnapshot.all(db);
        Schema model = change.apply(read());

        List<Path> written = Engines.engine(db, dir, scripts).withModel(model, "the test's model").migrate("pattern", scripts);
        assertEquals(List.of(scripts.resolve("V7__pattern.sql"), scripts.resolve("D7__pattern.sql")), written);
        MigrationEngine engine = new MigrationEngine(Engines.connector(db), ScriptSource.directory(scripts), "test", dir.resolve("backups"),
                Clock.systemUTC()).withModel(model, "the test's model");
        if (dropsData) {
            MigrationException refused = assertThrows(MigrationException.class,
                    () -> engine.upgrade("head", new MigrationEngine.UpgradeOptions(false, false), s -> { }));
            assertTrue(refused.getMessage().startsWith("upgrade to 7 would drop column "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("; rerun with --allow-data-loss to write those rows to a backup file first"));
        }
        engine.upgrade("head", new MigrationEngine.UpgradeOptions(false, dropsData), s -> { });
        assertEquals(List.of(), engine.drift().stream().map(furniture.catalog.migrations.schema.Change::describe).toList(),
                "after V7 the schema is exactly the model");
        if (dropsData) {
            assertEquals(1, Files.list(dir.resolve("backups")).count(), "the dropped rows were saved first");
        }
        List<String> seven = SchemaSnapshot.all(db);
        engine.downgrade("6", true, s -> { });
        assertEquals(six, SchemaSnapshot.all(db), "D7 gives version 6 back exactly");
        engine.upgrade("head", new MigrationEngine.UpgradeOptions(false, true), s -> { });
        assertEquals(seven, SchemaSnapshot.all(db), "up again: the same schema");
        return Files.readString(scripts.resolve("V7__pattern.sql"));
    }

    private Schema read() throws Exception {
        try (Connection c = db.connect()) {
            return SchemaReader.read(c);
        }
    }

    private static Schema change(Schema schema, String table, UnaryOperator<Table> change) {
        return new Schema(schema.tables().stream().map(t -> t.name().equals(table) ? change.apply(t) : t).toList());
    }

    private static Table withColumns(Table t, List<Column> columns) {
        return new Table(t.name(), columns, t.primaryKey(), t.indexes(), t.foreignKeys());
    }

    private static Table withIndexes(Table t, List<Index> indexes) {
        return new Table(t.name(), t.columns(), t.primaryKey(), indexes, t.foreignKeys());
    }

    private static <T> List<T> add(List<T> list, int at, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(at, item);
        return copy;
    }
}
