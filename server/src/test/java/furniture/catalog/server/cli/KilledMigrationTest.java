package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kill -9` in the middle of a migration, either way: the next check says what happened and how to recover, the next
 * upgrade or downgrade refuses with those steps, and a stamp settles it.
 */
@CatalogDatabase
class KilledMigrationTest {

    @Test
    void anUpgradeKilledPartwayIsReportedAndRefusedUntilStamped(TestDatabase db, @TempDir Path scripts) throws Exception {
        db.recreate();
        Cli.copyBuiltInScripts(scripts);
        Files.writeString(scripts.resolve("V7__slow.sql"), "CREATE TABLE slow_a (id INT PRIMARY KEY);\nSELECT SLEEP(3);\n"
                + "CREATE TABLE slow_b (id INT PRIMARY KEY);\n");
        Files.writeString(scripts.resolve("D7__slow.sql"), "DROP TABLE slow_b;\nDROP TABLE slow_a;\n");
        assertEquals(0, run(db, "upgrade", "6", "--migrations=" + scripts).exitCode());

        String whileRunning = killWhileSleeping(db, scripts, "upgrade");
        assertTrue(Pattern.matches("upgrade of 7 \\(V7__slow\\.sql\\) is running now, by `catalog db upgrade head` on \\S+ "
                + "\\(pid \\d+\\), since \\S+Z, its lease runs to \\S+Z; wait for it to finish\n", whileRunning), whileRunning);
        Cli check = run(db, "check", "--migrations=" + scripts);
        assertEquals(1, check.exitCode());
        String line = check.out().strip();
        assertTrue(Pattern.matches("upgrade of 7 \\(V7__slow\\.sql\\) was interrupted after 1 of 3 statements \\(started \\S+ "
                + "by \\S+ pid \\d+, which is gone\\); MySQL DDL is not transactional, so the schema is between 6 and 7: compare it "
                + "with V7__slow\\.sql, then either undo what ran and `catalog db stamp 6`, or finish it by hand and "
                + "`catalog db stamp 7`", line), line);
        assertEquals("6 - upgrade of 7 INTERRUPTED partway; run `catalog db check` for how to recover\n",
                run(db, "current", "--migrations=" + scripts).out());
        Cli again = run(db, "upgrade", "--migrations=" + scripts);
        assertEquals(1, again.exitCode());
        assertEquals("catalog: " + line, again.err().strip(), "the next upgrade refuses with the same steps instead of re-running V7");

        db.execute("CREATE TABLE slow_b (id INT PRIMARY KEY)");
        assertEquals(0, run(db, "stamp", "7", "--migrations=" + scripts).exitCode());
        String log = run(db, "history", "--verbose", "--migrations=" + scripts).out();
        assertTrue(Pattern.compile("(?s).*\nstamps and unlocks:\n  \\S+ \\S+Z by \\S+ on \\S+: unlock, removed the migration lock held by "
                + "`catalog db upgrade head` .*\n  \\S+ \\S+Z by \\S+ on \\S+: stamp 7, from 6 to 7: counts every version "
                + "up to 7 as applied; settled: upgrade of 7 \\(V7__slow\\.sql\\) was interrupted after 1 of 3 statements .*").matcher(log)
                .matches(), "the history keeps the interrupted run the stamp settled:\n" + log);
        assertEquals("the schema differs from the model: table slow_a is in the database but not in the model; table slow_b is "
                + "in the database but not in the model\n", run(db, "check", "--migrations=" + scripts).out(),
                "at 7, and V7's tables are not in the model: drift");
    }

    @Test
    void aDowngradeKilledPartwayIsReportedAndRefusedUntilStamped(TestDatabase db, @TempDir Path scripts) throws Exception {
        db.recreate();
        Cli.copyBuiltInScripts(scripts);
        Files.writeString(scripts.resolve("V7__slow.sql"), "CREATE TABLE slow_a (id INT PRIMARY KEY);\nCREATE TABLE slow_b (id INT PRIMARY KEY);\n");
        Files.writeString(scripts.resolve("D7__slow.sql"), "DROP TABLE slow_b;\nSELECT SLEEP(3);\nDROP TABLE slow_a;\n");
        assertEquals(0, run(db, "upgrade", "--migrations=" + scripts).exitCode());

        killWhileSleeping(db, scripts, "downgrade");
        Cli check = run(db, "check", "--migrations=" + scripts);
        assertEquals(1, check.exitCode());
        String line = check.out().strip();
        assertTrue(line.startsWith("downgrade of 7 (D7__slow.sql) was interrupted after 1 of 3 statements (started "), line);
        assertTrue(line.endsWith("so the schema is between 7 and 6: compare it with D7__slow.sql, then either undo what ran and "
                + "`catalog db stamp 7`, or finish it by hand and `catalog db stamp 6`"), line);
        assertEquals("catalog: " + line, run(db, "downgrade", "--migrations=" + scripts).err().strip());
        Cli serve = Cli.run("serve", "--migrate", "--port=0", "--metrics-port=off", "--db-url=" + db.url(), "--db-user=" + db.user(),
                "--db-password-file=" + Cli.passwordFile(db));
        assertEquals(1, serve.exitCode(), "serve does not start on a half-migrated schema, --migrate or not");
        assertEquals("catalog: " + line, serve.err().strip());
        assertEquals("catalog: " + line, run(db, "upgrade", "--migrations=" + scripts).err().strip());

        db.execute("DROP TABLE slow_a");
        assertEquals(0, run(db, "stamp", "6", "--migrations=" + scripts).exitCode());
        assertTrue(run(db, "check", "--migrations=" + scripts).out().startsWith("1 pending (7)"));
    }

    /**
     * Runs `catalog db COMMAND` as its own process and kills it (SIGKILL) while its script sleeps; returns what
     * `catalog db check` said just before. The killed process's lease is then removed by hand (`catalog db unlock`),
     * as an operator who knows it is gone would, so the next command need not wait for it to expire.
     */
    private static String killWhileSleeping(TestDatabase db, Path scripts, String command) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CATALOG_DB_URL", db.url(), "CATALOG_DB_USER", db.user(),
                "CATALOG_DB_PASSWORD", db.password()));
        Process process = Cli.start(env, scripts, "db", command, "--migrations=" + scripts);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.queryLong("SELECT COUNT(*) FROM information_schema.processlist WHERE db = '" + db.name()
                + "' AND info LIKE 'SELECT SLEEP%'") == 0) {
            if (!process.isAlive()) {
                Cli ended = Cli.finish(process);
                throw new AssertionError("catalog db " + command + " ended (exit " + ended.exitCode() + ") before its script slept: "
                        + ended.out() + ended.err());
            }
            assertTrue(System.nanoTime() < until, "the script never reached its sleep");
            Thread.sleep(20);
        }
        String check = run(db, "check", "--migrations=" + scripts).out();
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Cli unlock = run(db, "unlock");
        assertEquals("unlocked\n", unlock.out());
        assertTrue(unlock.err().startsWith("catalog: warning: removed the migration lock held by `catalog db " + command), unlock.err());
        assertEquals("no migration lock is held\n", run(db, "unlock").out());
        return check;
    }

    /** `catalog db ARGS` in this JVM, on the test database. */
    private static Cli run(TestDatabase db, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("db"));
        all.addAll(List.of(args));
        all.addAll(List.of("--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + Cli.passwordFile(db)));
        return Cli.run(all.toArray(String[]::new));
    }
}
