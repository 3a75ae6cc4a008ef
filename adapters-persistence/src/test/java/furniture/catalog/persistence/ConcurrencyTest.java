package furniture.catalog.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.application.port.in.CatalogUseCases;
import furniture.catalog.application.port.in.CreateCommand;
import furniture.catalog.application.port.in.LifecycleCommand;
import furniture.catalog.application.port.in.ListQuery;
import furniture.catalog.application.port.in.Page;
import furniture.catalog.application.port.in.UpdateCommand;
import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.error.NameTakenException;
import furniture.catalog.domain.error.StaleVersionException;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.Principal;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many callers at once on the real database: exactly one winner, no lost update, no page skipping or repeating. */
@CatalogDatabase
class ConcurrencyTest {
    private static final Principal ANA = Principal.of("ana");

    private final TestDatabase db;
    private CatalogFixture fixture;
    private CatalogUseCases<Color> colors;

    ConcurrencyTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void start() throws Exception {
        fixture = CatalogFixture.migrated(db, new PersistenceSettings(db.url(), db.user(), db.password(), 24, Duration.ofSeconds(30)));
        colors = fixture.service(Color.TYPE);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void twentyThreadsCreatingTheSameNameOneSucceedsTheOthersAreToldTheNameIsTaken() throws Exception {
        List<Object> outcomes = race(20, i -> () -> colors.create(new CreateCommand<>(Color.TYPE.newEntry(Map.of("name", "Teal")), true, Principal.of("user" + i))));
        List<CatalogRecord<?>> created = outcomes.stream().filter(o -> o instanceof CatalogRecord<?>).<CatalogRecord<?>>map(o -> (CatalogRecord<?>) o).toList();
        List<NameTakenException> taken = outcomes.stream().filter(o -> o instanceof NameTakenException).map(o -> (NameTakenException) o).toList();
        assertEquals(1, created.size(), "outcomes: " + outcomes);
        assertEquals(19, taken.size(), "everyone else is told the name is taken, nothing else: " + outcomes);
        taken.forEach(e -> assertEquals(created.get(0).id(), e.holderId()));
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM colors"));
    }

    @Test
    void tenThreadsUpdatingWithTheVersionTheyReadExactlyOneSucceedsPerVersionAndNoUpdateIsLost() throws Exception {
        long id = colors.create(new CreateCommand<>(Color.TYPE.newEntry(Map.of("name", "Base")), true, ANA)).id();
        Map<Long, Integer> winnersPerVersion = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            long seen = colors.get(id).version();
            int r = round;
            List<Object> outcomes = race(10, i -> () -> colors.update(new UpdateCommand(id, OptionalLong.of(seen),
                    Map.of("name", "Round " + r + " by " + i), Optional.empty(), Principal.of("user" + i))));
            List<CatalogRecord<?>> won = outcomes.stream().filter(o -> o instanceof CatalogRecord<?>).<CatalogRecord<?>>map(o -> (CatalogRecord<?>) o).toList();
            long stale = outcomes.stream().filter(o -> o instanceof StaleVersionException).count();
            assertEquals(1, won.size(), "round " + round + ": " + outcomes);
            assertEquals(9, stale, "round " + round + ": " + outcomes);
            winnersPerVersion.put(seen, won.size());
            CatalogRecord<Color> now = colors.get(id);
            assertEquals(won.get(0).entry(), now.entry(), "the winner's change is the one stored");
            assertEquals(seen + 1, now.version());
        }
        assertEquals(Map.of(1L, 1, 2L, 1, 3L, 1, 4L, 1, 5L, 1), winnersPerVersion);
    }

    @Test
    void listingTenThousandRowsVisitsEveryLiveRowExactlyOnceWhileRowsComeAndGo() throws Exception {
        db.execute("INSERT INTO colors (name, active, created_by, updated_by) "
                + "SELECT CONCAT('color ', LPAD(seq, 5, '0')), 1, 'seed', 'seed' FROM seq_1_to_10000");
        Set<String> stable = new HashSet<>();
        for (int i = 1; i <= 10000; i++) {
            if (i % 10 != 0) {
                stable.add(String.format("color %05d", i));
            }
        }
        AtomicBoolean listing = new AtomicBoolean(true);
        ExecutorService churn = Executors.newSingleThreadExecutor();
        Future<Integer> changes = churn.submit(() -> {
            int n = 0;
            // Rows ending in 0 are deleted while the listing runs; new ones appear between the existing names.
            for (int i = 10; listing.get() && i <= 10000; i += 10) {
                CatalogRecord<Color> victim = colors.list(new ListQuery(new ListCriteria(ListCriteria.ActiveFilter.ALL,
                        Optional.of(String.format("color %05d", i)), false, ListCriteria.Order.NAME), 1, Optional.empty())).records().get(0);
                colors.delete(new LifecycleCommand(victim.id(), OptionalLong.empty(), ANA));
                colors.create(new CreateCommand<>(Color.TYPE.newEntry(Map.of("name", String.format("color %05d+new", i - 5))), true, ANA));
                n++;
            }
            return n;
        });

        List<String> seen = new ArrayList<>();
        ListCriteria byName = new ListCriteria(ListCriteria.ActiveFilter.ALL, Optional.empty(), false, ListCriteria.Order.NAME);
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            Page<Color> page = colors.list(new ListQuery(byName, 50, token));
            page.records().forEach(r -> seen.add(r.entry().name()));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent());
        listing.set(false);
        int churned = changes.get(2, TimeUnit.MINUTES);
        churn.shutdown();

        Set<String> distinct = new HashSet<>(seen);
        assertEquals(seen.size(), distinct.size(), "no row was listed twice");
        assertTrue(distinct.containsAll(stable), "every row that lived throughout was listed");
        assertTrue(churned > 0, "rows were deleted and inserted while listing");
        assertTrue(pages >= 180, "pages: " + pages);
        System.out.printf("listed %d rows in %d pages while %d rows were deleted and %d inserted%n", seen.size(), pages, churned, churned);
    }

    /** Starts {@code n} tasks at the same moment; each outcome is the result or the exception. */
    private static List<Object> race(int n, java.util.function.IntFunction<Callable<Object>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<Object> body = task.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    return body.call();
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        ready.await();
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : futures) {
            outcomes.add(f.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return outcomes;
    }
}
