package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code catalog db} commands as a user types them: what they print and the exit code. */
@CatalogDatabase
class DbCommandTest {
    private final TestDatabase db;
    private final Path backups;

    DbCommandTest(TestDatabase db, @TempDir Path backups) {
        this.db = db;
        this.backups = backups;
    }

    @BeforeEach
    void emptyDatabase() throws Exception {
        db.recreate();
    }

    private Cli db(String... args) {
        java.util.List<String> full = new java.util.ArrayList<>(List.of("db"));
        full.addAll(List.of(args));
        full.addAll(List.of("--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + Cli.passwordFile(db)));
        if (Cli.SCHEMA_CHANGING.contains(args[0])) {
            full.add("--backup-dir=" + backups);
        }
        return Cli.run(full.toArray(String[]::new));
    }

    @Test
    void upgradePrintsOneTimedLinePerMigrationThenWhereItIs() {
        Cli cli = db("upgrade");
        assertEquals(0, cli.exitCode(), cli.err());
        List<String> lines = cli.outLines();
        assertEquals(7, lines.size(), cli.out());
        for (int v = 1; v <= 5; v++) {
            assertTrue(lines.get(v - 1).matches("applied " + v + " \\(\\w{12} .+\\) in \\d+ ms"), lines.get(v - 1));
        }
        assertTrue(lines.get(5).matches("applied 6 \\(add row version\\) in \\d+ ms"), lines.get(5));
        assertEquals("now at 6 (add row version) (head)", lines.get(6));
        assertEquals("", cli.err());
    }

    @Test
    void currentHistoryAndCheckDescribeTheDatabase() {
        db("upgrade", "+2");
        assertEquals("2 (e57af1e0a8f8 create roles table) - 4 pending\n", db("current").out());

        List<String> history = db("history").outLines();
        assertEquals(List.of(
                "1    applied   5aa5020316c5 create colors table",
                "2    applied   e57af1e0a8f8 create roles table",
                "3    pending   6067bf0c7322 add table wood types",
                "4    pending   c9f0b720f6c2 add unit of measures table",
                "5    pending   1114dac3f5e4 agregar tabla tipo de mueble",
                "6    pending   add row version (head)"), history);
        String verbose = db("history", "--verbose").out();
        assertTrue(verbose.matches("(?s).*applied \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ by \\S+ in \\d+ ms, checksum ok.*"), verbose);

        Cli check = db("check");
        assertEquals(1, check.exitCode());
        assertEquals("4 pending (3, 4, 5, 6): the database is at 2, head is 6; run `catalog db upgrade`\n", check.out());
        db("upgrade");
        assertEquals(0, db("check").exitCode());
    }

    @Test
    void downgradeAndStamp() {
        db("upgrade");
        Cli down = db("downgrade");
        assertEquals(0, down.exitCode(), down.err());
        assertTrue(down.outLines().get(0).matches("reverted 6 \\(add row version\\) in \\d+ ms"), down.out());
        Cli stamp = db("stamp", "head");
        assertEquals("stamped: now at 6 (add row version) (head)\n", stamp.out());
        assertEquals(0, db("stamp", "base").exitCode());
        assertTrue(db("current").out().startsWith("base"));
    }

    @Test
    void theDataLossGuardRefusesThenBacksUp() throws Exception {
        db("upgrade");
        db.execute("INSERT INTO roles (name, active) VALUES ('admin', 1), ('seller', 1)");
        Cli refused = db("downgrade", "base");
        assertEquals(1, refused.exitCode());
        assertEquals(List.of("catalog: downgrade to base would drop table roles (2 rows); rerun with --allow-data-loss "
                + "to write those rows to a backup file first"), refused.errLines());
        Cli allowed = db("downgrade", "base", "--allow-data-loss");
        assertEquals(0, allowed.exitCode(), allowed.err());
        String saved = allowed.outLines().stream().filter(l -> l.startsWith("rows that were dropped are saved in ")).findFirst().orElseThrow();
        Path backup = Path.of(saved.substring("rows that were dropped are saved in ".length()));
        assertTrue(Files.readString(backup).contains("INSERT INTO `roles`"), backup.toString());
    }

    @Test
    void currentHistoryAndCheckSpeakJsonForPipelines() {
        db("upgrade", "+4");
        com.google.gson.JsonObject current = com.google.gson.JsonParser.parseString(db("current", "--json").out()).getAsJsonObject();
        assertEquals(4, current.get("version").getAsInt());
        assertEquals(6, current.get("head").getAsInt());
        assertEquals("[5,6]", current.get("pending").toString());
        assertEquals(db("current").out().strip(), current.get("line").getAsString());

        Cli check = db("check", "--json");
        assertEquals(1, check.exitCode(), "the exit code is the same as without --json");
        com.google.gson.JsonObject verdict = com.google.gson.JsonParser.parseString(check.out()).getAsJsonObject();
        assertFalse(verdict.get("ok").getAsBoolean());
        assertEquals(db("check").out().strip(), verdict.get("message").getAsString());
        assertEquals(2, verdict.get("pending").getAsInt());

        com.google.gson.JsonArray history = com.google.gson.JsonParser.parseString(db("history", "--json").out()).getAsJsonObject()
                .getAsJsonArray("migrations");
        assertEquals(6, history.size());
        com.google.gson.JsonObject first = history.get(0).getAsJsonObject();
        assertEquals("applied", first.get("state").getAsString());
        assertEquals("ok", first.get("checksum").getAsString());
        assertTrue(first.get("applied_at").getAsString().endsWith("Z"), first.toString());
        com.google.gson.JsonObject last = history.get(5).getAsJsonObject();
        assertEquals("pending", last.get("state").getAsString());
        assertTrue(last.get("applied_at").isJsonNull());
        assertTrue(last.get("head").getAsBoolean());

        db("upgrade");
        Cli ok = db("check", "--json");
        assertEquals(0, ok.exitCode());
        assertEquals("{\"ok\":true,\"message\":\"at head (6), checksums valid\",\"version\":6,\"head\":6,\"pending\":0,\"drift\":[]}", ok.out().strip());
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo() {
        db("upgrade", "+2");
        assertUsage(db("upgrade", "+0"), "catalog: +0 is not a step: use +1 or more");
        assertUsage(db("downgrade", "-99"), "catalog: cannot go down 99 steps: the database is at 2, 2 steps above base");
        assertUsage(db("upgrade", "77"), "catalog: unknown version 77: this build knows 1 to 6");
        assertUsage(db("stamp", "ffffffffffff"), "catalog: unknown revision ffffffffffff: it is none of the Python original's revisions this build reproduces");
        assertUsage(Cli.run("db", "revision"),
                "catalog: Missing required option: '--message=MESSAGE' (see `catalog db revision --help`)");
        assertUsage(Cli.run("db", "sideways"), "catalog: there is no `catalog db sideways`; the commands of `catalog db`: upgrade, "
                + "downgrade, current, history, stamp, unlock, restore, merge, revision, migrate, diff, check, lint (see `catalog db --help`)");
    }

    @Test
    void anUnreachableServerIsOneLineAndExitOne() {
        Cli cli = Cli.run("db", "current", "--db-url=jdbc:mysql://127.0.0.1:9/catalog");
        assertEquals(1, cli.exitCode());
        assertEquals(List.of("catalog: cannot reach the database at 127.0.0.1:9/catalog: Connection refused"), cli.errLines());
        Cli verbose = Cli.run("db", "current", "--verbose", "--db-url=jdbc:mysql://127.0.0.1:9/catalog");
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the stack trace");
    }

    @Test
    void aWrongPasswordIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(db.embedded(), "the embedded MariaDB does not check passwords");
        Path wrong = Files.writeString(dir.resolve("password"), "certainly-wrong\n");
        Cli cli = Cli.run("db", "current", "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + wrong);
        assertEquals(1, cli.exitCode());
        assertEquals(List.of("catalog: access denied for user '" + db.user() + "' at " + db.url().replaceAll("^jdbc:mysql://|\\?.*$", "")
                + ": check CATALOG_DB_USER and CATALOG_DB_PASSWORD"), cli.errLines());
    }

    @Test
    void revisionWritesTheNextMigrationAndItsDowngradeWithAHeader(@TempDir Path scripts) throws Exception {
        Cli.copyBuiltInScripts(scripts);
        Cli cli = Cli.run("db", "revision", "-m", "Add hex code to colors", "--dir=" + scripts);
        assertEquals(0, cli.exitCode(), cli.err());
        Path up = scripts.resolve("V7__add_hex_code_to_colors.sql");
        Path down = scripts.resolve("D7__add_hex_code_to_colors.sql");
        assertEquals(List.of("wrote " + up, "wrote " + down), cli.outLines());
        String header = Files.readString(up);
        assertTrue(header.startsWith("-- Add hex code to colors\n-- Version 7, created 20"), header);
        assertTrue(header.contains("revises 6 (add row version)"), header);
        assertTrue(Files.readString(down).startsWith("-- Add hex code to colors\n"));

        Files.writeString(up, Files.readString(up) + "ALTER TABLE colors ADD COLUMN hex CHAR(7) NULL;\n");
        Files.writeString(down, Files.readString(down) + "ALTER TABLE colors DROP COLUMN hex;\n");
        assertEquals(0, db("upgrade", "--migrations=" + scripts).exitCode());
        // A hand-written revision the model does not declare is drift: check names it (the model is the source of truth).
        Cli check = db("check", "--migrations=" + scripts);
        assertEquals(1, check.exitCode());
        assertEquals("the schema differs from the model: colors.hex is in the database but not in the model\n", check.out());
        assertEquals(1, db("check").exitCode(), "the build's own scripts do not know version 7");
    }

    private static void assertUsage(Cli cli, String line) {
        assertEquals(2, cli.exitCode(), cli.err());
        assertEquals(List.of(line), cli.errLines());
        assertFalse(cli.err().contains("\tat "));
    }
}
