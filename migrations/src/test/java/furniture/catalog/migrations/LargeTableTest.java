package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The large-table rule on a table of 1,000,000 rows: an ALTER the server does online (ADD COLUMN, INSTANT) goes
 * ahead; one that copies the table (a type change) is refused without --allow-table-copy, naming the table, its rows
 * and the algorithm; with it, it runs. A writer updates rows throughout, and its longest stall is printed: the
 * figure the README quotes (printed, never asserted: the machines are shared).
 */
@CatalogDatabase
class LargeTableTest {
    private static final int ROWS = 1_000_000;

    @Test
    void onAMillionRowsAnOnlineAlterRunsAndACopyingOneNeedsTheFlag(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationEngine engine = engineWith(db, dir, LargeTables.DEFAULT_THRESHOLD,
                "V7__add_hex_code.sql", "ALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL;\n",
                "D7__add_hex_code.sql", "ALTER TABLE colors DROP COLUMN hex_code;\n",
                "V8__hex_code_as_int.sql", "ALTER TABLE colors MODIFY hex_code INT NULL;\n",
                "D8__hex_code_as_int.sql", "ALTER TABLE colors MODIFY hex_code CHAR(7) NULL;\n");
        long fill = System.nanoTime();
        db.execute("INSERT INTO colors (name, active, created_by, updated_by) SELECT CONCAT('color-', seq), 1, 'test', 'test' "
                + "FROM seq_1_to_" + ROWS);
        System.out.printf("filled colors with %,d rows in %d ms%n", ROWS, (System.nanoTime() - fill) / 1_000_000);

        try (Writer writer = Writer.start(db)) {
            writer.measure(2_000);
            System.out.printf("writer alone: %d updates, longest %d ms%n", writer.count(), writer.longestMs());

            writer.reset();
            long start = System.nanoTime();
            assertEquals(List.of(7), engine.upgrade("7", false, s -> { }).stream().map(Step::version).toList());
            long alterMs = (System.nanoTime() - start) / 1_000_000;
            writer.measure(500);
            System.out.printf("ADD COLUMN (%s): upgrade %d ms; writer %d updates, longest stall %d ms%n", notices.get(notices.size() - 1),
                    alterMs, writer.count(), writer.longestMs());
            assertTrue(notices.get(notices.size() - 1).endsWith("`ALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL` on colors "
                    + "(1,000,000 rows) runs with ALGORITHM=INSTANT, LOCK=NONE"), notices.toString());

            MigrationException refused = assertThrows(MigrationException.class, () -> engine.upgrade("head", false, s -> { }));
            // MariaDB 10.11 copies under a shared lock; 11.2 and later copy online (LOCK=NONE), still a copy of the table.
            String how = refused.getMessage().contains("LOCK=NONE")
                    ? "ALGORITHM=COPY, LOCK=NONE, so the server copies the whole table (writes go on meanwhile, but the copy costs time, "
                            + "disk and I/O as the table grows)"
                    : "ALGORITHM=COPY, LOCK=SHARED, so writes to that table wait until it is done";
            assertEquals("refusing to upgrade: V8__hex_code_as_int.sql: `ALTER TABLE colors MODIFY hex_code INT NULL` on colors "
                    + "(1,000,000 rows) runs with " + how + "; rerun `catalog db upgrade` with --allow-table-copy at a quiet time, "
                    + "or write the migration so that the server can run it online", refused.getMessage());
            assertEquals(7, engine.state().version(), "nothing ran");
            assertEquals(0, db.queryLong("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                    + "AND table_name LIKE 'catalog_probe%'"), "the probe table is gone");

            writer.reset();
            start = System.nanoTime();
            assertEquals(List.of(8), engine.upgrade("head", true, s -> { }).stream().map(Step::version).toList());
            alterMs = (System.nanoTime() - start) / 1_000_000;
            writer.measure(500);
            System.out.printf("MODIFY to INT (COPY, --allow-table-copy): upgrade %d ms; writer %d updates, longest stall %d ms%n",
                    alterMs, writer.count(), writer.longestMs());
        }
        assertEquals("int", db.queryString("SELECT data_type FROM information_schema.columns WHERE table_schema = DATABASE() "
                + "AND table_name = 'colors' AND column_name = 'hex_code'"));
        assertEquals(ROWS + 0L, db.queryLong("SELECT COUNT(*) FROM colors"));
    }

    @Test
    void belowTheThresholdNothingIsProbedAndSmallTablesAreNeverRefused(TestDatabase db, @TempDir Path dir) throws Exception {
        MigrationEngine engine = engineWith(db, dir, 3,
                "V7__widen_name.sql", "ALTER TABLE colors MODIFY name VARCHAR(60) NOT NULL;\n",
                "D7__widen_name.sql", "ALTER TABLE colors MODIFY name VARCHAR(50) NOT NULL;\n");
        db.execute("INSERT INTO colors (name, active) VALUES ('a', 1), ('b', 1)");
        assertEquals(List.of(7), engine.upgrade("head", false, s -> { }).stream().map(Step::version).toList());
        assertEquals(List.of(), notices, "two rows are below a threshold of three: not probed");

        // At the threshold the same kind of change is judged (a VARCHAR widening within one length byte is INPLACE/INSTANT).
        db.execute("INSERT INTO colors (name, active) VALUES ('c', 1)");
        Engines.downgrade(engine, "6");
        assertEquals(List.of(7), engine.upgrade("head", false, s -> { }).stream().map(Step::version).toList());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("on colors (3 rows) runs with ALGORITHM="), notices.get(0));
    }

    private final List<String> notices = new ArrayList<>();

    /**
     * An empty database at 6, and an engine on the build's scripts plus {@code extra} (name, text, name, text…), with
     * the large-table threshold {@code rows}; its notices go to {@link #notices}.
     */
    private MigrationEngine engineWith(TestDatabase db, Path dir, long rows, String... extra) throws Exception {
        db.recreate();
        Path scripts = Engines.copyOfScripts(Files.createDirectories(dir.resolve("scripts")));
        for (int i = 0; i < extra.length; i += 2) {
            Files.writeString(scripts.resolve(extra[i]), extra[i + 1]);
        }
        MigrationEngine engine = new MigrationEngine(Engines.connector(db), ScriptSource.directory(scripts), "test", dir,
                Clock.systemUTC()).withLock(java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(1), notices::add)
                .withLargeTableRows(rows);
        Engines.upgrade(engine, "6");
        return engine;
    }

    /** A connection that updates random rows in a loop, timing each update. */
    private static final class Writer implements AutoCloseable {
        private final Connection connection;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong longestNanos = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Writer(Connection connection) {
            this.connection = connection;
            this.thread = new Thread(this::loop, "writer");
        }

        static Writer start(TestDatabase db) throws Exception {
            Writer w = new Writer(db.connect());
            w.thread.start();
            return w;
        }

        private void loop() {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE colors SET updated_by = ? WHERE id_color = ?")) {
                while (running.get()) {
                    ps.setString(1, "w" + count.get());
                    ps.setInt(2, 1 + ThreadLocalRandom.current().nextInt(ROWS));
                    long t = System.nanoTime();
                    ps.executeUpdate();
                    long took = System.nanoTime() - t;
                    longestNanos.accumulateAndGet(took, Math::max);
                    count.incrementAndGet();
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }

        void measure(long millis) throws InterruptedException {
            Thread.sleep(millis);
            if (failure.get() != null) {
                throw new AssertionError("the writer failed", failure.get());
            }
        }

        void reset() {
            count.set(0);
            longestNanos.set(0);
        }

        long count() {
            return count.get();
        }

        long longestMs() {
            return longestNanos.get() / 1_000_000;
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join(60_000);
            connection.close();
            if (failure.get() != null) {
                throw new AssertionError("the writer failed", failure.get());
            }
        }
    }
}
