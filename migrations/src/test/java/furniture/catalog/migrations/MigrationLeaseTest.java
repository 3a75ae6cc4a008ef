package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.lock.MigrationLease;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster-wide migration lock on one server (the Galera suite runs it across nodes): who waits, who takes over a
 * dead holder's lease, renewal, unlock, and a command whose lease was taken away.
 */
@CatalogDatabase
class MigrationLeaseTest {
    private final TestDatabase db;
    private final Path backups;
    private final List<String> notices = new CopyOnWriteArrayList<>();

    MigrationLeaseTest(TestDatabase db, @TempDir Path backups) {
        this.db = db;
        this.backups = backups;
    }

    @BeforeEach
    void empty() throws Exception {
        db.recreate();
    }

    private MigrationEngine engine(Duration lease, Duration wait) {
        return Engines.engine(db, backups).withLock(lease, wait, notices::add);
    }

    private MigrationContext context(Duration lease) {
        return new MigrationContext(Engines.connector(db), ScriptSource.classpath(), "test", backups, Clock.systemUTC(),
                new MigrationLease.Settings(lease, Duration.ofSeconds(5), l -> { }), LargeTables.DEFAULT_THRESHOLD);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private MigrationLease hold(String command, Duration lease) {
        return MigrationLease.acquire(Engines.connector(db), command, new MigrationLease.Settings(lease, Duration.ofSeconds(5), l -> { }));
    }

    @Test
    void anUpgradeWaitsForTheHolderSaysWhoThenFindsTheDatabaseAsTheHolderLeftIt() throws Exception {
        MigrationEngine engine = engine(Duration.ofSeconds(30), Duration.ofMinutes(1));
        MigrationContext holder = context(Duration.ofSeconds(30));
        CompletableFuture<List<Step>> waiter = new CompletableFuture<>();
        holder.leased("catalog db upgrade 3", () -> {
            CompletableFuture.supplyAsync(() -> Engines.upgrade(engine, "head")).whenComplete((steps, e) -> {
                if (e != null) {
                    waiter.completeExceptionally(e);
                } else {
                    waiter.complete(steps);
                }
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (notices.isEmpty()) {
                assertTrue(System.nanoTime() < until, "the other upgrade never said it waits");
                sleep(10);
            }
            assertFalse(waiter.isDone(), "the other upgrade ran although the lock was held");
            assertTrue(notices.get(0).matches("waiting for the migration lock, held by `catalog db upgrade 3` on \\S+ \\(pid "
                    + ProcessHandle.current().pid() + "\\), since \\S+Z, its lease runs to \\S+Z"), notices.get(0));
            assertTrue(engine.lockHolder().orElseThrow().startsWith("`catalog db upgrade 3` on "));
            return new Upgrade(holder).upgrade("3", new MigrationEngine.UpgradeOptions(false, false), s -> { });
        });
        assertEquals(List.of(4, 5, 6), waiter.get(60, TimeUnit.SECONDS).stream().map(Step::version).toList(),
                "the waiter read the version again under the lock: 1 to 3 did not run twice");
        assertTrue(engine.lockHolder().isEmpty(), "released");
    }

    @Test
    void aDeadHoldersExpiredLeaseIsTakenOverAtOnce() throws Exception {
        try (MigrationLease held = hold("catalog db upgrade head", Duration.ofSeconds(30))) {
            assertTrue(held.lost().isEmpty());
        }
        // What a killed process leaves: its row, no longer renewed.
        db.execute("INSERT INTO catalog_migration_lock (id, owner, command, host, pid, acquired_at, expires_at) VALUES "
                + "(1, 'dead', 'catalog db upgrade head', 'gone-host', 4242, UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE, "
                + "UTC_TIMESTAMP(3) - INTERVAL 1 SECOND)");
        MigrationEngine engine = engine(Duration.ofSeconds(30), Duration.ofSeconds(5));
        assertTrue(engine.lockHolder().orElseThrow().contains("on gone-host (pid 4242), since "));
        assertTrue(engine.lockHolder().orElseThrow().contains(", its lease expired at "));
        assertEquals(6, Engines.upgrade(engine, "head").size());
        assertEquals(List.of(), notices, "an expired lease is no reason to wait");
    }

    @Test
    void theHolderRenewsItsLeaseSoAWaiterGivesUpWithAMessageNamingIt() throws Exception {
        try (MigrationLease held = hold("catalog db downgrade -1", Duration.ofSeconds(1))) {
            MigrationEngine engine = engine(Duration.ofSeconds(1), Duration.ofSeconds(3));
            MigrationException e = assertThrows(MigrationException.class, () -> Engines.upgrade(engine, "head"));
            assertTrue(e.getMessage().startsWith("gave up after 3 s waiting for the migration lock, held by `catalog db downgrade -1` on "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("; if that process is gone, wait for its lease to expire or run `catalog db unlock`"),
                    e.getMessage());
            assertTrue(held.lost().isEmpty(), "three renewals of a 1 s lease kept it");
        }
    }

    @Test
    void unlockRemovesAnyHoldersLeaseAndThatHolderLearnsItLostIt() throws Exception {
        MigrationEngine engine = engine(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertTrue(engine.unlock().isEmpty(), "nothing to unlock");
        MigrationContext ctx = context(Duration.ofSeconds(1));
        MigrationException e = assertThrows(MigrationException.class, () -> ctx.leased("catalog db stamp 3", () -> {
            assertTrue(engine.unlock().orElseThrow().startsWith("`catalog db stamp 3` on "));
            sleep(1_500); // past a renewal, which finds the row gone
            return null;
        }));
        assertEquals("the migration lock was taken from this process while it ran (`catalog db unlock`, or a lease that "
                + "expired unrenewed); see what the database holds with `catalog db check`", e.getMessage());
        assertTrue(engine.lockHolder().isEmpty());
    }

    @Test
    void aLeaseShorterThanASecondIsRefused() {
        MigrationException e = assertThrows(MigrationException.class, () -> engine(Duration.ofMillis(500), Duration.ofSeconds(1)));
        assertEquals("the migration lock's lease must be at least 1s (got PT0.5S)", e.getMessage());
    }
}
