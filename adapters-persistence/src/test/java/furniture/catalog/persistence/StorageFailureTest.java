package furniture.catalog.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.application.port.in.CatalogUseCases;
import furniture.catalog.application.port.in.CreateCommand;
import furniture.catalog.application.port.in.UpdateCommand;
import furniture.catalog.application.port.out.StorageBusyException;
import furniture.catalog.application.port.out.StorageUnavailableException;
import furniture.catalog.domain.entity.Role;
import furniture.catalog.domain.record.Principal;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the database cannot serve, callers get a distinct storage error, never a raw SQL one, and lose no data. */
@CatalogDatabase
class StorageFailureTest {
    private static final Principal ANA = Principal.of("ana");

    @Test
    void anUnreachableDatabaseIsStorageUnavailable() {
        try (Persistence persistence = Persistence.start(new PersistenceSettings(
                "jdbc:mysql://127.0.0.1:9/catalog?connectTimeout=500", "root", "", 2, Duration.ofMillis(800)))) {
            CatalogUseCases<Role> roles = new furniture.catalog.application.service.CatalogService<>(Role.TYPE,
                    persistence.repository(), persistence.transactions(), persistence.pageTokenSecret(), java.time.Clock.systemUTC());
            assertThrows(StorageUnavailableException.class, () -> roles.get(1));
            assertThrows(StorageUnavailableException.class, () -> roles.create(new CreateCommand<>(Role.TYPE.newEntry(Map.of("name", "admin")), true, ANA)));
        }
    }

    @Test
    void anExhaustedPoolIsStorageUnavailable(TestDatabase db) throws Exception {
        try (CatalogFixture fixture = CatalogFixture.migrated(db, new PersistenceSettings(db.url(), db.user(), db.password(), 1, Duration.ofMillis(300)))) {
            CatalogUseCases<Role> roles = fixture.service(Role.TYPE);
            long id = roles.create(new CreateCommand<>(Role.TYPE.newEntry(Map.of("name", "admin")), true, ANA)).id();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService other = Executors.newSingleThreadExecutor();
            Future<?> holder = other.submit(() -> fixture.persistence.transactions().inTransaction(() -> {
                fixture.persistence.repository().find(Role.TYPE, id);
                holding.countDown();
                await(release);
                return null;
            }));
            holding.await();
            assertThrows(StorageUnavailableException.class, () -> roles.get(id));
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            other.shutdown();
            assertEquals("admin", roles.get(id).entry().name(), "usable again once a connection is free");
        }
    }

    @Test
    void aLockHeldTooLongIsRetriedThenStorageBusyAndChangesNothing(TestDatabase db) throws Exception {
        String url = db.url() + "&sessionVariables=innodb_lock_wait_timeout=1";
        try (CatalogFixture fixture = CatalogFixture.migrated(db, PersistenceSettings.of(url, db.user(), db.password()))) {
            CatalogUseCases<Role> roles = fixture.service(Role.TYPE);
            long id = roles.create(new CreateCommand<>(Role.TYPE.newEntry(Map.of("name", "admin")), true, ANA)).id();
            try (Connection blocker = db.connect(); Statement s = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                s.executeQuery("SELECT * FROM roles WHERE id_role = " + id + " FOR UPDATE").close();
                long start = System.nanoTime();
                assertThrows(StorageBusyException.class, () -> roles.update(new UpdateCommand(id, OptionalLong.empty(),
                        Map.of("name", "root"), Optional.empty(), ANA)));
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                // Each attempt waited out the 1 s lock wait: the work was tried ATTEMPTS times, not once and not forever.
                assertTrue(seconds >= JdbiTransactions.ATTEMPTS - 1 && seconds < 60, "each attempt waited for the lock once: " + seconds + " s");
                blocker.rollback();
            }
            assertEquals("admin", roles.get(id).entry().name());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
