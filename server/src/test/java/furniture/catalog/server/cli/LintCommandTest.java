package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code catalog db lint} as a CI step would run it: against MariaDB for the rules that need the rows (destructive
 * counted, data checks, the large-table probe, versions out of order) and the model (expand/contract), offline over
 * the product's own scripts; exit 0 clean, 1 on errors; no pending script says so; a statement the parser rejects is
 * one line naming the file and the line, and the upgrade refuses it the same way.
 */
@CatalogDatabase
class LintCommandTest {
    private final TestDatabase db;
    private Path scripts;
    private Path dir;

    LintCommandTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void atHeadWithColors(@TempDir Path dir) throws Exception {
        this.dir = dir;
        db.recreate();
        scripts = Cli.copyBuiltInScripts(Files.createDirectories(dir.resolve("migration")));
        assertEquals(0, db("upgrade").exitCode());
        db.execute("INSERT INTO colors (id_color, name, active, created_by) VALUES (1, 'Red', 1, 'ana'), (2, 'Oak', 0, 'ana'), (3, 'Blue', 1, NULL)");
    }

    @Test
    void noPendingScriptSaysSoAndExitsZero() {
        Cli lint = db("lint");
        assertEquals(0, lint.exitCode(), lint.err());
        assertEquals("no pending scripts: the database " + db.name() + " is at 6, the head of these scripts\n", lint.out());
    }

    @Test
    void offlineOverTheProductsOwnScriptsIsClean() {
        Cli lint = Cli.run("db", "lint", "--offline");
        assertEquals(0, lint.exitCode(), lint.out() + lint.err());
        assertTrue(lint.out().endsWith("clean: 6 scripts (1 to 6), offline, for MariaDB 10.11.0\n"), lint.out());
    }

    @Test
    void destructiveAndDataChecksAreCountedAgainstTheRows() throws Exception {
        v7("-- tidy colors\nDELETE FROM colors WHERE active = 0;\nALTER TABLE roles ADD UNIQUE KEY roles_active (active);\n");
        db.execute("INSERT INTO roles (id_role, name, active) VALUES (1, 'admin', 1), (2, 'seller', 1)");
        Cli lint = db("lint");
        assertEquals(1, lint.exitCode());
        assertEquals(List.of(
                "V7__x.sql:2: error [destructive] `DELETE FROM colors WHERE active = 0` would destroy 1 row of colors deleted (WHERE active = 0); "
                        + "`catalog db upgrade` refuses it without --allow-data-loss, which backs it up first; mark it `-- catalog:reviewed <why>` "
                        + "once that is meant",
                "V7__x.sql:3: error [data-check] add unique key roles_active (active) on roles would fail on today's rows: "
                        + "roles (active) holds duplicates (2 rows); first keys: id_role 1 and 2",
                "2 errors, 0 warnings in 1 script (7), against " + db.name() + " at 6"), lint.outLines());
    }

    @Test
    void aCopyingAlterOfALargeTableIsAnError() {
        v7("ALTER TABLE colors MODIFY active INT NOT NULL;\n");
        Cli lint = db("lint", "--large-table-rows=3");
        assertEquals(1, lint.exitCode(), lint.out());
        assertTrue(lint.outLines().get(0).startsWith("V7__x.sql:1: error [table-copy] `ALTER TABLE colors MODIFY active INT NOT NULL` on colors "
                + "(3 rows) runs with ALGORITHM=COPY"), lint.out());
        assertEquals(0, db("lint").exitCode(), "below the default threshold it is not judged: " + db("lint").out());
    }

    @Test
    void aVersionBelowTheDatabasesThatNeverRanIsAnError() throws Exception {
        Files.writeString(scripts.resolve("V8__later.sql"), "ALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL;\n");
        Files.writeString(scripts.resolve("D8__later.sql"), "ALTER TABLE colors DROP COLUMN hex_code;\n");
        assertEquals(0, db("upgrade").exitCode());
        v7("ALTER TABLE roles ADD COLUMN code CHAR(3) NULL;\n");
        Cli lint = db("lint");
        assertEquals(1, lint.exitCode());
        assertEquals("V7__x.sql: error [versions] version 7 is below the database's 8 and never ran there: an upgrade will not run it; give it "
                + "a version above 8 (rename V and D)", lint.outLines().get(0));
    }

    @Test
    void expandContractAgainstTheModelThisBuildServes() {
        v7("ALTER TABLE colors DROP COLUMN updated_by;\n");
        Cli lint = db("lint");
        assertEquals(1, lint.exitCode());
        assertEquals("V7__x.sql:1: error [expand-contract] drops column colors.updated_by, which the model declares: this build reads and "
                + "writes it", lint.outLines().get(0));
    }

    @Test
    void aStatementTheParserRejectsIsOneLineWithFileAndLineForLintAndTheUpgrade() throws Exception {
        v7("-- add a code\nALTER TABLE colors ADD COLUMN code CHAR(3) NULL;\nALTER TABLE colors\n  ADD COLUMN (;\n");
        Cli lint = db("lint");
        assertEquals(1, lint.exitCode());
        assertEquals("V7__x.sql:4: error [opaque] not understood: the parser stopped at 'COLUMN', column 7 in `ALTER TABLE colors ADD COLUMN (;`; "
                + "mark it `-- catalog:reviewed <why>` once checked", lint.outLines().get(0));
        List<String> schema = db.schemaSnapshot();
        Cli upgrade = db("upgrade");
        assertEquals(1, upgrade.exitCode());
        assertEquals(List.of("catalog: refusing to upgrade: V7__x.sql line 4: not understood: the parser stopped at 'COLUMN', column 7 in "
                + "`ALTER TABLE colors ADD COLUMN (;`; nothing ran. Once you have checked what it does, mark it with a line "
                + "`-- catalog:reviewed <why>` before it"), upgrade.errLines());
        assertEquals(schema, db.schemaSnapshot(), "nothing ran, not even the statement before it");
    }

    @Test
    void jsonForPipelines() {
        v7("TRUNCATE colors;\n");
        Cli lint = db("lint", "--json");
        assertEquals(1, lint.exitCode());
        JsonObject report = JsonParser.parseString(lint.out()).getAsJsonObject();
        assertEquals(1, report.get("errors").getAsInt());
        assertEquals("[\"V7__x.sql\"]", report.get("scripts").toString());
        JsonObject finding = report.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("destructive", finding.get("rule").getAsString());
        assertEquals("error", finding.get("severity").getAsString());
        assertEquals(1, finding.get("line").getAsInt());
        assertTrue(finding.get("message").getAsString().contains("every row of colors, truncated (3 rows)"), finding.toString());
    }

    private void v7(String text) {
        try {
            Files.writeString(scripts.resolve("V7__x.sql"), text);
            Files.writeString(scripts.resolve("D7__x.sql"), "-- nothing to undo\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Cli db(String... args) {
        return Cli.db(db, scripts, dir.resolve("backups"), args);
    }
}
