package furniture.catalog.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.ScriptSource;
import furniture.catalog.migrations.parse.AnalysedScript;
import furniture.catalog.migrations.parse.ScriptAnalyser;
import furniture.catalog.migrations.schema.Column;
import furniture.catalog.migrations.schema.Schema;
import furniture.catalog.migrations.schema.SqlType;
import furniture.catalog.migrations.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each of lint's rules that needs no database, on a script that breaks it and on one that does not. */
class LintRulesTest {
    /** The model this build serves: colors (id, name, hex_code). */
    private static final Schema MODEL = new Schema(List.of(new Table("colors", List.of(
            new Column("id_color", SqlType.parse("INT"), false, null, true), new Column("name", SqlType.parse("VARCHAR(50)"), false, null, false),
            new Column("hex_code", SqlType.parse("CHAR(7)"), true, null, false)), List.of("id_color"), List.of(), List.of())));

    private static List<AnalysedScript> script(String text) {
        return List.of(new AnalysedScript("V7__x.sql", "the upgrade of 7", ScriptAnalyser.offline().analyse("V7__x.sql", text)));
    }

    private static List<String> lines(List<Finding> findings) {
        return findings.stream().map(Finding::text).toList();
    }

    @Test
    void opaqueIsAnErrorUntilReviewedAndAParseFailureNamesItsLine() {
        assertEquals(List.of("V7__x.sql:3: error [opaque] not understood: the parser stopped at 'FROM', column 3 in "
                + "`DELETE WHERE FROM colors`; mark it `-- catalog:reviewed <why>` once checked"),
                lines(LintRules.opaque(script("-- header\nDELETE WHERE\n  FROM colors;\n"))));
        assertEquals(List.of("V7__x.sql:2: warning [opaque] not understood: a CALL runs a stored program, whose effect is not analysed in "
                + "`CALL tidy()` (marked reviewed: it runs unanalysed)"),
                lines(LintRules.opaque(script("-- catalog:reviewed tidy() only rebuilds a cache\nCALL tidy();\n"))));
        assertEquals(List.of(), LintRules.opaque(script("ALTER TABLE colors ADD COLUMN hex CHAR(7) NULL;\nSET @x = 1;\n")));
    }

    @Test
    void aPlaceholderLeftByMigrateIsAnError() {
        assertEquals(List.of("V7__x.sql:2: error [placeholder] `UPDATE colors SET sku = '' WHERE sku IS NULL` is a placeholder `catalog db migrate` "
                + "wrote: write the real value, then delete the line `-- catalog:placeholder …`"),
                lines(LintRules.placeholders(script("-- catalog:placeholder (edit the value below, then delete this line)\n"
                        + "UPDATE colors SET sku = '' WHERE sku IS NULL;\n"))));
        assertEquals(List.of(), LintRules.placeholders(script("UPDATE colors SET sku = 'x' WHERE sku IS NULL;\n")));
    }

    @Test
    void offlineEveryStatementThatMayDestroyDataIsNamed() {
        assertEquals(List.of(
                "V7__x.sql:1: error [destructive] `DROP TABLE roles` (drop table roles) destroys stored data; `catalog db upgrade` refuses it "
                        + "without --allow-data-loss, which backs it up first; mark it `-- catalog:reviewed <why>` once that is meant",
                "V7__x.sql:3: warning [destructive] `TRUNCATE colors` (truncate table colors) destroys stored data (marked reviewed)",
                "V7__x.sql:4: warning [destructive] modify column colors.name VARCHAR(20) NOT NULL: loses the values it cannot hold if it "
                        + "narrows the type (judged against a database)"),
                lines(LintRules.destructive(script("DROP TABLE roles;\n-- catalog:reviewed the cache is rebuilt by the service\nTRUNCATE colors;\n"
                        + "ALTER TABLE colors MODIFY name VARCHAR(20) NOT NULL;\nALTER TABLE colors ADD COLUMN x INT NULL;\n"))));
    }

    @Test
    void expandContractAgainstTheModel() {
        assertEquals(List.of(
                "V7__x.sql:1: error [expand-contract] drops column colors.hex_code, which the model declares: this build reads and writes it",
                "V7__x.sql:2: error [expand-contract] renames column colors.name to title, but the model declares name: this build reads and writes it",
                "V7__x.sql:3: error [expand-contract] adds colors.sku NOT NULL without a default: a previous build still running does not write "
                        + "it, so its inserts fail; give it a default, or deploy this build before the migration that makes it required",
                "V7__x.sql:5: error [expand-contract] makes colors.code NOT NULL without a default: a previous build still running does not "
                        + "write it, so its inserts fail; give it a default, or deploy this build before the migration that makes it required"),
                lines(LintRules.expandContract(script("ALTER TABLE colors DROP COLUMN hex_code;\nALTER TABLE colors RENAME COLUMN name TO title;\n"
                        + "ALTER TABLE colors ADD COLUMN sku VARCHAR(9) NOT NULL;\nALTER TABLE colors ADD COLUMN code VARCHAR(9) NULL;\n"
                        + "ALTER TABLE colors MODIFY code VARCHAR(9) NOT NULL;\n"), MODEL)));
        assertEquals(List.of(), LintRules.expandContract(script("ALTER TABLE colors ADD COLUMN size INT NOT NULL DEFAULT 0;\n"
                + "ALTER TABLE colors DROP COLUMN legacy;\nCREATE TABLE t (a INT NOT NULL);\nALTER TABLE t ADD COLUMN b INT NOT NULL;\n"), MODEL),
                "an additive column with a default, a column the model no longer has, a new table's columns: nothing to say");
        assertEquals("warning", LintRules.expandContract(script("-- catalog:reviewed deployed in a maintenance window\n"
                + "ALTER TABLE colors DROP COLUMN hex_code;\n"), MODEL).get(0).severity().name().toLowerCase());
    }

    @Test
    void versionsTwoScriptsClaimingOneVersionAndANameTheUpgradeWouldSkip(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(dir.resolve("D1__a.sql"), "DROP TABLE a;\n");
        Files.writeString(dir.resolve("V2_b.sql"), "CREATE TABLE b (id INT);\n");
        assertEquals(List.of("V2_b.sql: error [versions] is not named V<n>__<description>.sql or D<n>__<description>.sql (two underscores, "
                + "a capital letter): the upgrade skips it without a word"),
                lines(MigrationEngine.lintOffline(ScriptSource.directory(dir), null, null, null).findings()));
        Files.writeString(dir.resolve("V1__c.sql"), "CREATE TABLE c (id INT);\n");
        Files.writeString(dir.resolve("D1__c.sql"), "DROP TABLE c;\n");
        LintReport report = MigrationEngine.lintOffline(ScriptSource.directory(dir), null, null, null);
        assertEquals(1, report.exitCode());
        assertEquals("error [versions] two migrations claim version 1: V1__a.sql, V1__c.sql (two branches each added one); run `catalog db "
                + "merge` to give the one added later the next free version", report.findings().get(1).text());
    }

    @Test
    void aCleanRangeSaysSoAndExitsZero(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(dir.resolve("D1__a.sql"), "DROP TABLE a;\n");
        LintReport report = MigrationEngine.lintOffline(ScriptSource.directory(dir), null, null, null);
        assertEquals(0, report.exitCode());
        assertEquals("clean: 1 script (1), offline, for MariaDB 10.11.0", report.lines().get(report.lines().size() - 1));
    }
}
