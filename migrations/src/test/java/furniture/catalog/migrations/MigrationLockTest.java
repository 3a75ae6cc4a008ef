package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import furniture.catalog.migrations.lock.MigrationLock;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our downgrade and stamp take the very lock Flyway's migrate takes, so the two can never interleave. */
@CatalogDatabase
class MigrationLockTest {

    @Test
    void flywaysMigrateWaitsWhileTheDowngradeLockIsHeld(TestDatabase db, @TempDir Path backups) throws Exception {
        db.recreate();
        MigrationEngine engine = Engines.engine(db, backups);
        Engines.upgrade(engine, "1");
        CompletableFuture<Void> upgrade;
        try (Connection c = db.connect(); MigrationLock lock = MigrationLock.acquire(c)) {
            upgrade = CompletableFuture.runAsync(() -> Engines.upgrade(Engines.engine(db, backups), "head"));
            waitUntilSomeoneWaitsFor(db, MigrationLock.nameFor(db.name()));
            assertFalse(upgrade.isDone(), "the upgrade ran although the lock was held");
            assertEquals(1, engine.state().version());
        }
        upgrade.get(60, TimeUnit.SECONDS);
        assertEquals(6, engine.state().version());
    }

    /** Polls the process list until a session is blocked in GET_LOCK on {@code name} (bounded). */
    private static void waitUntilSomeoneWaitsFor(TestDatabase db, String name) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (db.queryLong("SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'SELECT GET_LOCK%' AND db = '" + db.name() + "'") > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("nobody waited for " + name);
    }
}
