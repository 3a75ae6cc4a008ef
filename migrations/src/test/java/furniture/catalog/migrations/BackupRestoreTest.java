package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-loss guard's backups restore exactly: with the stock mariadb client whatever its character set and time
 * zone, and with `catalog db restore`; a lost table's rows and a lost column's values; and no write falls between the
 * backup and the drop.
 */
@CatalogDatabase
class BackupRestoreTest {
    /** Values that trip naive dumps: 4-byte emoji, backslashes, both quotes, a newline, NULLs, timestamps. */
    private static final String[] AWKWARD = {
        "INSERT INTO colors (id_color, name, active, created_at, updated_at, deleted_at, created_by, updated_by, deleted_by) "
                + "VALUES (1, '🪑 Chair 🛋️', 1, '2026-01-02 03:04:05', '2026-02-03 04:05:06', NULL, 'ana', NULL, NULL)",
        "INSERT INTO colors (id_color, name, active, created_at, updated_at, deleted_at, created_by, updated_by, deleted_by) "
                + "VALUES (2, 'C:\\\\dir\\\\oak', 0, '2025-12-31 23:59:59', '2026-01-01 00:00:00', '2026-03-04 05:06:07', 'bo', 'O''Brien \"q\"', 'x')",
        "INSERT INTO colors (id_color, name, active, created_at, updated_at, deleted_at, created_by, updated_by, deleted_by) "
                + "VALUES (3, 'two\\nlines;--not a comment', 1, '2024-02-29 12:00:00', '2024-02-29 12:00:00', NULL, NULL, NULL, NULL)",
    };

    private final TestDatabase db;
    private final Path backups;
    private final MigrationEngine engine;

    BackupRestoreTest(TestDatabase db, @TempDir Path backups) {
        this.db = db;
        this.backups = backups;
        this.engine = Engines.engine(db, backups);
    }

    @BeforeEach
    void atHeadWithAwkwardRows() throws Exception {
        db.recreate();
        Engines.upgrade(engine, "head");
        db.execute(AWKWARD);
        db.execute("UPDATE colors SET row_version = id_color * 10");
    }

    @Test
    void aDroppedTableComesBackExactlyThroughTheStockClientWithLatin1AndAnotherTimeZone() throws Exception {
        List<String> before = Rows.of(db, "colors");
        Path backup = engine.downgrade("base", true, s -> { }).backup().orElseThrow();
        String text = Files.readString(backup, StandardCharsets.UTF_8);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
        assertTrue(text.startsWith("-- Rows that `catalog db downgrade` removed from database `" + db.name() + "` at "), text);
        assertTrue(text.contains("-- catalog-backup: database=" + db.name() + " from=6 to=0\n"), text);
        assertTrue(text.contains("catalog db restore " + backup), text);
        assertTrue(text.contains("SET NAMES utf8mb4") && text.contains("SET time_zone = '+00:00'"), text);

        Engines.upgrade(engine, "6");
        Process client = StockClient.on(db, "--default-character-set=latin1", "--init-command=SET time_zone = '-05:00'")
                .redirectInput(backup.toFile()).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, client.waitFor(), output);
        assertEquals(before, Rows.of(db, "colors"), "every value, emoji, backslash, quote, newline, NULL and timestamp, as it was");
    }

    @Test
    void aDroppedColumnsValuesGoBackIntoTheRowsThatStillExist() throws Exception {
        List<String> before = Rows.of(db, "colors");
        Path backup = engine.downgrade("5", true, s -> { }).backup().orElseThrow();
        assertTrue(Files.readString(backup).contains("ON DUPLICATE KEY UPDATE `row_version` = VALUES(`row_version`)"));

        MigrationException early = assertThrows(MigrationException.class, () -> engine.restore(backup));
        assertEquals("the backup holds rows of version 6 and the database is at 5; run `catalog db upgrade 6` first", early.getMessage());

        Engines.upgrade(engine, "6");
        assertEquals(1, db.queryLong("SELECT MAX(row_version) FROM colors"), "the column came back with its default");
        db.execute("UPDATE colors SET updated_by = 'kept' WHERE id_color = 3");
        assertEquals(3, engine.restore(backup), "three rows written back");
        List<String> after = Rows.of(db, "colors");
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(1), after.get(1));
        assertEquals(List.of(10L, 20L, 30L), List.of(db.queryLong("SELECT row_version FROM colors WHERE id_color = 1"),
                db.queryLong("SELECT row_version FROM colors WHERE id_color = 2"), db.queryLong("SELECT row_version FROM colors WHERE id_color = 3")));
        assertEquals(3, db.queryLong("SELECT COUNT(*) FROM colors"), "no row doubled");
        assertFalse(Files.readString(backup).contains("`roles`"), "the empty tables lost nothing, so nothing of theirs is saved");
    }

    @Test
    void aWriteThatLandsWhileTheBackupIsTakenIsInItNotLost() throws Exception {
        CompletableFuture<Path> downgrade;
        try (Connection writer = db.connect(); Statement s = writer.createStatement()) {
            writer.setAutoCommit(false);
            s.executeUpdate("UPDATE colors SET row_version = 99 WHERE id_color = 1");
            downgrade = CompletableFuture.supplyAsync(() -> engine.downgrade("5", true, step -> { }).backup().orElseThrow());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (db.queryLong("SELECT COUNT(*) FROM information_schema.processlist WHERE state LIKE 'Waiting for table metadata lock'"
                    + " AND db = '" + db.name() + "'") == 0) {
                assertTrue(System.nanoTime() < until, "the downgrade did not wait for the open write");
                Thread.sleep(20);
            }
            assertFalse(downgrade.isDone(), "the downgrade waits for the write in progress");
            writer.commit();
        }
        Path backup = downgrade.get(60, TimeUnit.SECONDS);
        Matcher row = Pattern.compile("INSERT INTO `colors` \\(.*\\) VALUES \\(('1', .*)\\) ON DUPLICATE").matcher(Files.readString(backup));
        assertTrue(row.find(), Files.readString(backup));
        assertTrue(row.group(1).endsWith(", '99'"), "the backup holds the committed write: " + row.group(1));
        Engines.upgrade(engine, "6");
        engine.restore(backup);
        assertEquals(99, db.queryLong("SELECT row_version FROM colors WHERE id_color = 1"));
    }
}
