package furniture.catalog.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import furniture.catalog.grpc.TokenStore;
import furniture.catalog.server.cli.Cli;
import furniture.catalog.server.ops.ServeProcess;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.GetColorRequest;
import furniture.catalog.v1.UpdateColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog on a 3-node MariaDB Galera cluster (multi-primary) on loopback: migrations run once however many
 * processes start them on however many nodes, a node lost mid-migration is reported and recoverable, and writes that
 * race through two nodes end as one row, or as ABORTED / ALREADY_EXISTS, never INTERNAL and never a lost update.
 *
 * <p>Needs Debian's galera-4, mariadb-backup and socat: tagged {@code galera}, it runs in the Maven profile of that
 * name, which {@code .ci/run} enables after {@code testkit/galera/cluster install}.
 */
@Tag("galera")
class GaleraClusterTest {
    private static final Pattern APPLIED = Pattern.compile("^applied (\\d+) ", Pattern.MULTILINE);
    private static final String TOKEN = "galera-editor-token";

    @TempDir
    static Path clusterDir;

    private static GaleraCluster cluster;

    @TempDir
    Path dir;

    private String database;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = GaleraCluster.start(clusterDir.resolve("nodes"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void createDatabase() throws Exception {
        database = "catalog_galera_" + Long.toHexString(System.nanoTime());
        cluster.execute(1, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        cluster.execute(1, "DROP DATABASE IF EXISTS " + database);
    }

    @Test
    void threeConcurrentUpgradesOnThreeNodesRunEachMigrationOnce() throws Exception {
        List<Process> upgrades = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            upgrades.add(Cli.start(env(node), dir, "db", "upgrade"));
        }
        Map<Integer, Integer> appliedCount = new TreeMap<>();
        for (int node = 1; node <= 3; node++) {
            Cli result = Cli.finish(upgrades.get(node - 1));
            System.out.println("node " + node + ": exit " + result.exitCode() + "\n" + result.out() + result.err());
            assertEquals(0, result.exitCode(), "upgrade via node " + node + " failed: " + result.err());
            Matcher m = APPLIED.matcher(result.out());
            while (m.find()) {
                appliedCount.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1), appliedCount, "each migration ran exactly once");
        for (int node = 1; node <= 3; node++) {
            assertEquals(List.of("1", "2", "3", "4", "5", "6"), cluster.column(node, database,
                    "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"), "history on node " + node);
            Cli check = Cli.finish(Cli.start(env(node), dir, "db", "check"));
            assertEquals("at head (6), checksums valid\n", check.out(), "check via node " + node + check.err());
        }
    }

    @Test
    void threeServeMigrateReplicasStartingAtOnceMigrateOnceAndAllServe() throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(3);
        List<Future<ServeProcess>> starting = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            int n = node;
            starting.add(starter.submit(() -> serve(n, "--migrate")));
        }
        List<ServeProcess> replicas = new ArrayList<>();
        try {
            for (Future<ServeProcess> f : starting) {
                replicas.add(f.get(5, TimeUnit.MINUTES));
            }
            assertEquals(List.of("1", "2", "3", "4", "5", "6"), cluster.column(2, database,
                    "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"));
            // Each replica writes through its node; every replica reads every write.
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(colors(replicas.get(i)).createColor(CreateColorRequest.newBuilder()
                        .setColor(Color.newBuilder().setName("replica-" + (i + 1))).build()).getId());
            }
            for (ServeProcess replica : replicas) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("replica-" + (i + 1), colors(replica).getColor(GetColorRequest.newBuilder().setId(ids.get(i)).build()).getName());
                }
            }
            for (ServeProcess replica : replicas) {
                List<String> migrated = replica.out.stream().filter(l -> l.startsWith("applied ")).toList();
                System.out.println("replica on port " + replica.port + " applied " + migrated);
            }
        } finally {
            starter.shutdownNow();
            for (ServeProcess r : replicas) {
                r.close();
            }
        }
    }

    @Test
    void aNodeKilledDuringAMigrationIsReportedFromAnotherNodeAndRecoverable() throws Exception {
        Path scripts = Cli.copyBuiltInScripts(Files.createDirectories(dir.resolve("scripts")));
        Files.writeString(scripts.resolve("V7__slow.sql"), "CREATE TABLE slow_a (id INT PRIMARY KEY);\nSELECT SLEEP(5);\n"
                + "CREATE TABLE slow_b (id INT PRIMARY KEY);\n");
        Files.writeString(scripts.resolve("D7__slow.sql"), "DROP TABLE slow_b;\nDROP TABLE slow_a;\n");
        assertEquals(0, cli(1, "db", "upgrade", "6", "--migrations=" + scripts).exitCode());

        Process upgrade = Cli.start(env(3), dir, "db", "upgrade", "--migrations=" + scripts, "--lock-lease=3s");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cluster.column(3, "", "SELECT COUNT(*) FROM information_schema.processlist WHERE db = '" + database
                + "' AND info LIKE 'SELECT SLEEP%'").get(0).equals("0")) {
            assertTrue(upgrade.isAlive() && System.nanoTime() < until, "the upgrade via node 3 never reached its sleep");
            Thread.sleep(20);
        }
        cluster.kill(3);
        Cli died = Cli.finish(upgrade);
        System.out.println("upgrade via node 3, node killed: exit " + died.exitCode() + "\n" + died.err());
        assertEquals(1, died.exitCode());
        assertTrue(died.err().startsWith("catalog: upgrade failed: the connection to the database at 127.0.0.1:" + cluster.port(3) + "/"
                + database + " was lost ("), died.err());

        // Through node 1: the next upgrade waits out the dead process's lease, then refuses with the recovery steps.
        Cli again = cli(1, "db", "upgrade", "--migrations=" + scripts, "--lock-lease=3s");
        System.out.println("upgrade via node 1 afterwards: exit " + again.exitCode() + "\n" + again.err());
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("catalog: upgrade of 7 (V7__slow.sql) was interrupted after 1 of 3 statements"), again.err());
        assertTrue(again.err().contains("either undo what ran and `catalog db stamp 6`, or finish it by hand and `catalog db stamp 7`"),
                again.err());
        Cli check = cli(1, "db", "check", "--migrations=" + scripts);
        assertEquals(1, check.exitCode());
        assertTrue(check.out().startsWith("upgrade of 7 (V7__slow.sql) was interrupted after 1 of 3 statements"), check.out());

        // The operator finishes it by hand, as the message says; the killed node comes back with the same schema.
        cluster.execute(1, "CREATE TABLE " + database + ".slow_b (id INT PRIMARY KEY)");
        assertEquals(0, cli(1, "db", "stamp", "7", "--migrations=" + scripts).exitCode());
        String atSevenWithTablesOutsideTheModel = "the schema differs from the model: table slow_a is in the database but not in "
                + "the model; table slow_b is in the database but not in the model\n";
        assertEquals(atSevenWithTablesOutsideTheModel, cli(2, "db", "check", "--migrations=" + scripts).out());
        cluster.restart(3);
        assertEquals(atSevenWithTablesOutsideTheModel, cli(3, "db", "check", "--migrations=" + scripts).out());
        assertEquals(List.of("slow_a", "slow_b"), cluster.column(3, database,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'slow%' ORDER BY 1"));
    }

    @Test
    void twentyConcurrentCreatesOfOneNameThroughTwoNodesMakeExactlyOneRow() throws Exception {
        assertEquals(0, cli(1, "db", "upgrade").exitCode());
        try (ServeProcess a = serve(1); ServeProcess b = serve(2)) {
            List<ColorServiceGrpc.ColorServiceBlockingStub> stubs = List.of(colors(a), colors(b));
            Map<Status.Code, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            runAtOnce(20, i -> {
                try {
                    stubs.get(i % 2).createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Walnut")).build());
                    outcomes.computeIfAbsent(Status.Code.OK, k -> new AtomicInteger()).incrementAndGet();
                } catch (StatusRuntimeException e) {
                    outcomes.computeIfAbsent(e.getStatus().getCode(), k -> new AtomicInteger()).incrementAndGet();
                    assertTrue(e.getStatus().getCode() == Status.Code.ALREADY_EXISTS || e.getStatus().getCode() == Status.Code.ABORTED,
                            "a racing create ended " + e.getStatus());
                }
            });
            System.out.println("20 creates of one name via two nodes: " + outcomes);
            assertEquals(1, outcomes.get(Status.Code.OK).get(), "exactly one create succeeds: " + outcomes);
            for (int node = 1; node <= 3; node++) {
                assertEquals(List.of("1"), cluster.column(node, database, "SELECT COUNT(*) FROM colors WHERE name = 'Walnut'"),
                        "rows named Walnut on node " + node);
            }
        }
    }

    @Test
    void optimisticUpdatesThroughTwoNodesLoseNoUpdate() throws Exception {
        assertEquals(0, cli(1, "db", "upgrade").exitCode());
        try (ServeProcess a = serve(1); ServeProcess b = serve(2)) {
            List<ColorServiceGrpc.ColorServiceBlockingStub> stubs = List.of(colors(a), colors(b));
            long id = stubs.get(0).createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("counter-0")).build()).getId();
            int workers = 8;
            int increments = 5;
            AtomicInteger aborted = new AtomicInteger();
            // Each worker adds one to the counter in the name, read-modify-write with the etag it read, retrying on ABORTED.
            runAtOnce(workers, w -> {
                ColorServiceGrpc.ColorServiceBlockingStub stub = stubs.get(w % 2);
                for (int done = 0; done < increments; ) {
                    Color current = stub.getColor(GetColorRequest.newBuilder().setId(id).build());
                    int n = Integer.parseInt(current.getName().substring("counter-".length()));
                    try {
                        stub.updateColor(UpdateColorRequest.newBuilder()
                                .setColor(Color.newBuilder().setId(id).setName("counter-" + (n + 1)).setEtag(current.getEtag()))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build());
                        done++;
                    } catch (StatusRuntimeException e) {
                        assertEquals(Status.Code.ABORTED, e.getStatus().getCode(), "a conflicting update ended " + e.getStatus());
                        aborted.incrementAndGet();
                    }
                }
            });
            System.out.println(workers * increments + " optimistic increments via two nodes: " + aborted.get() + " ABORTED and retried");
            for (int node = 1; node <= 3; node++) {
                assertEquals(List.of("counter-" + workers * increments), cluster.column(node, database,
                        "SELECT name FROM colors WHERE id_color = " + id), "no update lost, as node " + node + " sees it");
            }
        }
    }

    /** Runs {@code body(i)} for i in 0..n-1 on n threads released together; rethrows the first failure. */
    private static void runAtOnce(int n, ThrowingIntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                go.await();
                body.accept(index);
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> f : futures) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface ThrowingIntConsumer {
        void accept(int i) throws Exception;
    }

    private Map<String, String> env(int node) {
        Map<String, String> env = new HashMap<>();
        env.put("CATALOG_DB_URL", cluster.url(node, database));
        env.put("CATALOG_DB_USER", "root");
        env.put("CATALOG_DB_PASSWORD", null);
        env.put("CATALOG_HOME", dir.resolve("home-" + node).toString());
        env.put("CATALOG_METRICS_PORT", "off");
        return env;
    }

    private Cli cli(int node, String... args) throws Exception {
        return Cli.finish(Cli.start(env(node), dir, args));
    }

    private ServeProcess serve(int node, String... args) throws Exception {
        Path tokens = dir.resolve("tokens");
        synchronized (GaleraClusterTest.class) {
            if (!Files.exists(tokens)) {
                Files.writeString(tokens, TokenStore.hash(TOKEN) + " galera editor\n");
            }
        }
        Map<String, String> env = env(node);
        env.put("CATALOG_TOKENS_FILE", tokens.toString());
        List<String> all = new ArrayList<>(List.of("--port=0"));
        all.addAll(List.of(args));
        return ServeProcess.start(env, dir, all.toArray(String[]::new));
    }

    private final Map<ServeProcess, ManagedChannel> channels = new ConcurrentHashMap<>();

    private ColorServiceGrpc.ColorServiceBlockingStub colors(ServeProcess replica) {
        ManagedChannel channel = channels.computeIfAbsent(replica, ServeProcess::channel);
        return ColorServiceGrpc.newBlockingStub(channel).withInterceptors(ServeProcess.withToken(TOKEN))
                .withDeadlineAfter(2, TimeUnit.MINUTES);
    }

    @AfterEach
    void closeChannels() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
