package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.domain.entity.WoodType;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import furniture.catalog.persistence.EntityTable;
import furniture.catalog.persistence.StorageModel;
import furniture.catalog.server.model.CatalogModel;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A required, unique field joins a table that holds rows: {@code migrate} writes add-nullable, a fill, then the
 * constraint; the fill is a marked placeholder that {@code upgrade} refuses until its author writes the real values; then
 * up, down and up again, all through the CLI.
 */
@CatalogDatabase
class RequiredFieldMigrationTest {
    /** Wood types, as a change of the model gives them a required, unique stock-keeping unit. */
    record WoodTypeWithSku(String name, String description, String sku) implements CatalogEntry {
        static final FieldSpec SKU = FieldSpec.text("sku", 50).asRequired().asUnique();
        static final EntityType<WoodTypeWithSku> TYPE = new EntityType<>("wood type", List.of(WoodType.NAME, WoodType.DESCRIPTION, SKU),
                values -> new WoodTypeWithSku((String) values.get("name"), (String) values.get("description"), (String) values.get("sku")));

        @Override
        public Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", name);
            values.put("description", description);
            values.put("sku", sku);
            return values;
        }
    }

    private static final List<EntityTable> TABLES = StorageModel.CATALOG.stream()
            .map(t -> t.name().equals("wood_types") ? EntityTable.of(WoodTypeWithSku.TYPE, "wood_types", "id_wood_type") : t).toList();

    private final TestDatabase db;

    RequiredFieldMigrationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void emptyDatabase() throws Exception {
        db.recreate();
    }

    private Cli db(Path scripts, Path backups, String... args) {
        List<String> all = new ArrayList<>(List.of("db"));
        all.addAll(List.of(args));
        if (Cli.SCHEMA_CHANGING.contains(args[0])) {
            all.add("--backup-dir=" + backups);
        }
        all.addAll(List.of("--migrations=" + scripts, "--db-url=" + db.url(), "--db-user=" + db.user(),
                "--db-password-file=" + Cli.passwordFile(db)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CatalogCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                () -> CatalogModel.schema(TABLES));
        return new Cli(code, out.toString(), err.toString());
    }

    @Test
    void aRequiredUniqueFieldJoinsATableWithRowsOnceItsAuthorWritesTheirValues(@TempDir Path dir) throws Exception {
        Path scripts = Cli.copyBuiltInScripts(Files.createDirectories(dir.resolve("migration")));
        Path backups = dir.resolve("backups");
        assertEquals(0, db(scripts, backups, "upgrade").exitCode());
        db.execute("INSERT INTO wood_types (name, active) VALUES ('Oak', 1), ('Pine', 1)");
        List<String> six = db.schemaSnapshot();

        Cli migrate = db(scripts, backups, "migrate", "-m", "add sku");
        assertEquals(0, migrate.exitCode(), migrate.err());
        Path v7 = scripts.resolve("V7__add_sku.sql");
        String text = Files.readString(v7);
        assertTrue(text.contains("""
                ALTER TABLE wood_types ADD COLUMN sku VARCHAR(50) NULL AFTER description;
                -- catalog:placeholder (edit the value below, then delete this line)
                UPDATE wood_types SET sku = CONCAT('sku-', id_wood_type) WHERE sku IS NULL;
                ALTER TABLE wood_types MODIFY COLUMN sku VARCHAR(50) NOT NULL;
                """), text);
        assertTrue(text.indexOf("ALTER TABLE wood_types ADD UNIQUE KEY") > text.indexOf("MODIFY COLUMN sku"), "the key comes after the fill: " + text);
        assertTrue(text.contains("need a value, a different one each (a unique key on it follows)"), text);

        Cli refused = db(scripts, backups, "upgrade");
        assertEquals(1, refused.exitCode());
        int line = text.lines().toList().indexOf("-- catalog:placeholder (edit the value below, then delete this line)") + 1;
        assertEquals("catalog: refusing to upgrade: V7__add_sku.sql line " + line + " (UPDATE wood_types SET sku = CONCAT('sku-', "
                + "id_wood_type) WHERE sku IS NULL;) marks a placeholder that `catalog db migrate` wrote: write the real value for the "
                + "rows already there, delete the line `-- catalog:placeholder …`, then upgrade", refused.err().strip());
        assertEquals(refused.err(), db(scripts, backups, "upgrade", "--sql").err(), "its SQL is refused the same way");
        assertTrue(db(scripts, backups, "check").out().contains("run `catalog db upgrade` once the placeholder in V7__add_sku.sql line "
                + line), "check says what the upgrade waits for");
        assertEquals(six, db.schemaSnapshot(), "nothing ran");
        assertEquals("6 (add row version) - 1 pending\n", db(scripts, backups, "current").out());

        Files.writeString(v7, text.replace("-- catalog:placeholder (edit the value below, then delete this line)\n", "")
                .replace("CONCAT('sku-', id_wood_type)", "CONCAT('WT-', LPAD(id_wood_type, 4, '0'))"));
        Cli up = db(scripts, backups, "upgrade");
        assertEquals(0, up.exitCode(), up.err());
        assertEquals("Oak WT-0001, Pine WT-0002", db.queryString("SELECT GROUP_CONCAT(name, ' ', sku ORDER BY id_wood_type SEPARATOR ', ') FROM wood_types"));
        assertEquals("at head (7), checksums valid\n", db(scripts, backups, "check").out(), "the schema is the model");
        List<String> seven = db.schemaSnapshot();

        Cli guarded = db(scripts, backups, "downgrade");
        assertEquals(1, guarded.exitCode(), "the skus are data");
        Cli down = db(scripts, backups, "downgrade", "--allow-data-loss");
        assertEquals(0, down.exitCode(), down.err());
        assertEquals(six, db.schemaSnapshot(), "down gives version 6 exactly");
        Cli again = db(scripts, backups, "upgrade");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(seven, db.schemaSnapshot(), "up again gives version 7 exactly");
        assertEquals("at head (7), checksums valid\n", db(scripts, backups, "check").out());
    }
}
