package furniture.catalog.persistence;

import furniture.catalog.application.port.in.CatalogUseCases;
import furniture.catalog.application.service.CatalogService;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.ScriptSource;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A migrated test database with the real persistence adapter and the use cases on it. */
final class CatalogFixture implements AutoCloseable {
    final TestDatabase db;
    final Persistence persistence;
    final TestClock clock = new TestClock(Instant.parse("2026-11-25T09:00:00.400Z"));

    private CatalogFixture(TestDatabase db, PersistenceSettings settings) {
        this.db = db;
        this.persistence = Persistence.start(settings);
    }

    /** Recreates the database empty, migrates it to head and starts the adapter on it. */
    static CatalogFixture migrated(TestDatabase db) throws SQLException {
        return migrated(db, PersistenceSettings.of(db.url(), db.user(), db.password()));
    }

    static CatalogFixture migrated(TestDatabase db, PersistenceSettings settings) throws SQLException {
        db.recreate();
        new MigrationEngine(new DatabaseConnector(db.url(), db.user(), db.password()), ScriptSource.classpath(), "test",
                Path.of("target"), Clock.systemUTC()).upgrade("head", step -> { });
        return new CatalogFixture(db, settings);
    }

    <T extends CatalogEntry> CatalogUseCases<T> service(EntityType<T> type) {
        return new CatalogService<>(type, persistence.repository(), persistence.transactions(), persistence.pageTokenSecret(), clock);
    }

    @Override
    public void close() {
        persistence.close();
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
