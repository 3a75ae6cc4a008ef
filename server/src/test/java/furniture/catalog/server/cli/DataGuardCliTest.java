package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard, through the CLI on MariaDB, for each form that loses stored data: on a table with rows, a plain upgrade
 * refuses in one line, runs nothing and leaves the rows as they were; with --allow-data-loss the upgrade saves exactly
 * what the statement destroys, and after the downgrade `catalog db restore` gives every row back as it was. Then the
 * checks against the data: a statement that today's rows would make fail is refused before the first statement of the
 * pending set, naming the offending keys, with the history unchanged.
 */
@CatalogDatabase
class DataGuardCliTest {
    private static final String CREATE_COLORS = String.join("\n", "CREATE TABLE colors (",
            "    id_color INTEGER NOT NULL AUTO_INCREMENT,", "    name VARCHAR(50) NOT NULL,", "    active BOOL NOT NULL,",
            "    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,", "    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,",
            "    deleted_at TIMESTAMP NULL,", "    created_by VARCHAR(100) NULL,", "    updated_by VARCHAR(100) NULL,",
            "    deleted_by VARCHAR(100) NULL,", "    row_version INT UNSIGNED NOT NULL DEFAULT 1,", "    PRIMARY KEY (id_color),",
            "    UNIQUE (name)", ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;\n");

    private final TestDatabase db;

    DataGuardCliTest(TestDatabase db) {
        this.db = db;
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("DROP TABLE", "DROP TABLE colors;\n", CREATE_COLORS,
                        "upgrade to 7 would drop table colors (3 rows)"),
                Arguments.of("drop table if exists, quoted", "-- colors go\ndrop table if exists `colors`;\n", CREATE_COLORS,
                        "upgrade to 7 would drop table colors (3 rows)"),
                Arguments.of("ALTER TABLE … DROP name", "ALTER TABLE colors DROP created_by;\n",
                        "ALTER TABLE colors ADD COLUMN created_by VARCHAR(100) NULL AFTER deleted_at;\n",
                        "upgrade to 7 would drop column colors.created_by (3 rows)"),
                Arguments.of("ALTER TABLE … DROP COLUMN after a # comment", "ALTER TABLE `colors` # no longer needed\n  DROP COLUMN `created_by`;\n",
                        "ALTER TABLE colors ADD COLUMN created_by VARCHAR(100) NULL AFTER deleted_at;\n",
                        "upgrade to 7 would drop column colors.created_by (3 rows)"),
                Arguments.of("TRUNCATE", "TRUNCATE colors;\n", "-- nothing to undo: restore the backup\n",
                        "upgrade to 7 would destroy V7__form.sql line 1: every row of colors, truncated (3 rows)"),
                Arguments.of("DELETE without WHERE", "DELETE FROM colors;\n", "-- nothing to undo: restore the backup\n",
                        "upgrade to 7 would destroy V7__form.sql line 1: 3 rows of colors deleted"),
                Arguments.of("DELETE … WHERE", "DELETE FROM colors WHERE id_color > 1;\n", "-- nothing to undo: restore the backup\n",
                        "upgrade to 7 would destroy V7__form.sql line 1: 2 rows of colors deleted (WHERE id_color > 1)"),
                Arguments.of("UPDATE … WHERE", "UPDATE colors SET name = UPPER(name), active = 0 WHERE active = 1;\n",
                        "-- nothing to undo: restore the backup\n",
                        "upgrade to 7 would destroy V7__form.sql line 1: the name, active of 2 rows of colors (WHERE active = 1)"),
                Arguments.of("MODIFY to a narrower type", "ALTER TABLE colors MODIFY name VARCHAR(3) NOT NULL;\n",
                        "ALTER TABLE colors MODIFY name VARCHAR(50) NOT NULL;\n",
                        "refusing to upgrade: V7__form.sql line 1 (modify column colors.name VARCHAR(3) NOT NULL) would fail on today's rows: "
                                + "2 rows of colors.name hold values VARCHAR(3) cannot hold; first keys: id_color 2, id_color 3; nothing ran "
                                + "(--allow-data-loss backs those values up and lets the server cut them)"),
                Arguments.of("CHANGE to another name and a narrower type", "ALTER TABLE colors CHANGE COLUMN created_by author VARCHAR(4) NULL;\n",
                        "ALTER TABLE colors CHANGE COLUMN author created_by VARCHAR(100) NULL;\n",
                        "refusing to upgrade: V7__form.sql line 1 (change column colors.created_by to author VARCHAR(4) NULL) would fail on "
                                + "today's rows: 1 row of colors.created_by hold values VARCHAR(4) cannot hold; first keys: id_color 2; nothing ran "
                                + "(--allow-data-loss backs those values up and lets the server cut them)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void refusedWithoutTheFlagAndRestoredExactlyWithIt(String form, String v7, String d7, String refusal, @TempDir Path dir) throws Exception {
        Path scripts = atHeadWithColors(dir);
        Files.writeString(scripts.resolve("V7__form.sql"), v7);
        Files.writeString(scripts.resolve("D7__form.sql"), d7);
        List<String> before = colors();

        Cli refused = db(scripts, dir, "upgrade");
        assertEquals(1, refused.exitCode(), refused.err());
        assertEquals(List.of("catalog: " + refusal + (refusal.startsWith("refusing") ? ""
                : "; rerun with --allow-data-loss to write " + (refusal.contains("would drop") ? "those rows" : "them") + " to a backup file first")),
                refused.errLines());
        assertEquals(before, colors(), "nothing ran: the rows are as they were");
        assertEquals("6 (add row version) - 1 pending\n", db(scripts, dir, "current").out());

        Cli allowed = db(scripts, dir, "upgrade", "--allow-data-loss");
        assertEquals(0, allowed.exitCode(), allowed.err());
        String saved = allowed.errLines().stream().filter(l -> l.startsWith("catalog: rows that the upgrade drops are saved in ")).findFirst()
                .orElseThrow(() -> new AssertionError(allowed.err()));
        Path backup = Path.of(saved.substring("catalog: rows that the upgrade drops are saved in ".length()));
        assertTrue(Files.readString(backup).contains("-- catalog-backup: database=" + db.name() + " from=6 to=7"), backup.toString());

        Cli down = db(scripts, dir, "downgrade", "6");
        assertEquals(0, down.exitCode(), down.err());
        Cli restore = db(scripts, dir, "restore", backup.toString());
        assertEquals(0, restore.exitCode(), restore.err());
        assertEquals(before, colors(), "the backup gives back every row as it was");
    }

    @Test
    void aDowngradeThatNarrowsIsGuardedToo(@TempDir Path dir) throws Exception {
        Path scripts = atHeadWithColors(dir);
        Files.writeString(scripts.resolve("V7__longer_names.sql"), "ALTER TABLE colors MODIFY name VARCHAR(80) NOT NULL;\n");
        Files.writeString(scripts.resolve("D7__longer_names.sql"), "ALTER TABLE colors MODIFY name VARCHAR(50) NOT NULL;\n");
        assertEquals(0, db(scripts, dir, "upgrade").exitCode());
        db.execute("UPDATE colors SET name = CONCAT(name, ' ', REPEAT('x', 60)) WHERE id_color = 2");
        List<String> before = colors();

        Cli refused = db(scripts, dir, "downgrade");
        assertEquals(1, refused.exitCode());
        assertEquals(List.of("catalog: refusing to downgrade: D7__longer_names.sql line 1 (modify column colors.name VARCHAR(50) NOT NULL) "
                + "would fail on today's rows: 1 row of colors.name hold values VARCHAR(50) cannot hold; first keys: id_color 2; nothing ran "
                + "(--allow-data-loss backs those values up and lets the server cut them)"), refused.errLines());
        assertEquals(before, colors());

        Cli allowed = db(scripts, dir, "downgrade", "--allow-data-loss");
        assertEquals(0, allowed.exitCode(), allowed.err());
        Path backup = Path.of(allowed.outLines().stream().filter(l -> l.startsWith("rows that were dropped are saved in ")).findFirst()
                .orElseThrow().substring("rows that were dropped are saved in ".length()));
        assertEquals(50, db.queryLong("SELECT CHAR_LENGTH(name) FROM colors WHERE id_color = 2"), "the server cut it, as allowed");
        assertEquals(0, db(scripts, dir, "upgrade").exitCode());
        assertEquals(0, db(scripts, dir, "restore", backup.toString()).exitCode());
        assertEquals(before, colors(), "the backup gives the long name back");
    }

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of("a unique key on a column that holds duplicates", "ALTER TABLE colors ADD UNIQUE KEY colors_author (created_by);\n",
                        "V7__form.sql line 2 (add unique key colors_author (created_by) on colors) would fail on today's rows: "
                                + "colors (created_by) holds duplicates (2 rows); first keys: id_color 1 and 3"),
                Arguments.of("NOT NULL on a column that holds NULLs", "ALTER TABLE colors MODIFY deleted_by VARCHAR(100) NOT NULL DEFAULT '';\n",
                        "V7__form.sql line 2 (modify column colors.deleted_by VARCHAR(100) NOT NULL) would fail on today's rows: "
                                + "colors.deleted_by is NULL in 2 rows; first keys: id_color 1, id_color 3"),
                Arguments.of("a foreign key with orphan rows",
                        "ALTER TABLE furniture_type ADD CONSTRAINT ft_color FOREIGN KEY (id_furniture_type) REFERENCES colors (id_color);\n",
                        "V7__form.sql line 2 (add foreign key ft_color (id_furniture_type) on furniture_type to colors) would fail on today's rows: "
                                + "2 rows of furniture_type reference no row of colors; first keys: id_furniture_type 4, id_furniture_type 5"),
                Arguments.of("a narrowing type change on values that do not fit", "ALTER TABLE colors MODIFY row_version TINYINT UNSIGNED NOT NULL;\n",
                        "V7__form.sql line 2 (modify column colors.row_version TINYINT UNSIGNED NOT NULL) would fail on today's rows: "
                                + "1 row of colors.row_version hold values TINYINT UNSIGNED cannot hold; first keys: id_color 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void aStatementTodaysRowsWouldFailIsRefusedBeforeAnyStatementRuns(String check, String statement, String refusal, @TempDir Path dir)
            throws Exception {
        Path scripts = atHeadWithColors(dir);
        db.execute("INSERT INTO furniture_type (id_furniture_type, name, active) VALUES (1, 'chair', 1), (4, 'table', 1), (5, 'bed', 1)",
                "UPDATE colors SET row_version = 300 WHERE id_color = 3");
        // A first statement that would run fine: it must not run either.
        Files.writeString(scripts.resolve("V7__form.sql"), "ALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL;\n" + statement);
        Files.writeString(scripts.resolve("D7__form.sql"), "ALTER TABLE colors DROP COLUMN hex_code;\n");
        List<String> schema = db.schemaSnapshot();
        List<String> history = history();

        Cli refused = db(scripts, dir, "upgrade");
        assertEquals(1, refused.exitCode(), refused.err());
        assertEquals(List.of("catalog: refusing to upgrade: " + refusal + "; nothing ran"
                + (check.startsWith("a narrowing") ? " (--allow-data-loss backs those values up and lets the server cut them)" : "")), refused.errLines());
        assertEquals(schema, db.schemaSnapshot(), "not even the first statement ran");
        assertEquals(history, history(), "the history is unchanged");
        assertEquals("6 (add row version) - 1 pending\n", db(scripts, dir, "current").out());
    }

    @Test
    void aDataMigrationSaysHowManyRowsItTouchesAndIsBackedUp(@TempDir Path dir) throws Exception {
        Path scripts = atHeadWithColors(dir);
        Files.writeString(scripts.resolve("V7__reprice.sql"), "-- the original's data migration, on colors\n"
                + "UPDATE colors SET row_version = row_version * 2 WHERE active = 1;\n");
        Files.writeString(scripts.resolve("D7__reprice.sql"), "UPDATE colors SET row_version = row_version / 2 WHERE active = 1;\n");
        Cli up = db(scripts, dir, "upgrade", "--allow-data-loss");
        assertEquals(0, up.exitCode(), up.err());
        assertTrue(up.errLines().contains("catalog: V7__reprice.sql line 2: update row_version of the rows WHERE active = 1 in colors touches 2 rows"),
                up.err());
        assertEquals(2, db.queryLong("SELECT COUNT(*) FROM colors WHERE row_version = 2"));
    }

    /** The database at head, colors holding three rows: two active, each with an author (one too long for 4), two without deleted_by. */
    private Path atHeadWithColors(Path dir) throws Exception {
        db.recreate();
        Path scripts = Cli.copyBuiltInScripts(Files.createDirectories(dir.resolve("migration")));
        assertEquals(0, db(scripts, dir, "upgrade").exitCode());
        db.execute("INSERT INTO colors (id_color, name, active, created_at, updated_at, created_by, deleted_by) VALUES "
                + "(1, 'Red', 1, '2026-01-02 03:04:05', '2026-01-02 03:04:05', 'ana', NULL), "
                + "(2, 'Oak brown', 0, '2026-02-03 04:05:06', '2026-02-03 04:05:06', 'luis-the-long', 'bo'), "
                + "(3, '🪑 Blue', 1, '2026-03-04 05:06:07', '2026-03-04 05:06:07', 'ana', NULL)");
        return scripts;
    }

    private List<String> colors() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM colors ORDER BY 1")) {
            return TestDatabase.asText(rs);
        }
    }

    private List<String> history() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT installed_rank, version, type, checksum, success FROM flyway_schema_history ORDER BY 1")) {
            return TestDatabase.asText(rs);
        }
    }

    private Cli db(Path scripts, Path dir, String... args) {
        return Cli.db(db, scripts, dir.resolve("backups"), args);
    }
}
