package furniture.catalog.bench;

import com.google.protobuf.FieldMask;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.GetColorRequest;
import furniture.catalog.v1.ListColorsRequest;
import furniture.catalog.v1.ListColorsResponse;
import furniture.catalog.v1.UpdateColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark: loads a data set, starts {@code catalog serve} as its own process (through the {@code ./catalog}
 * launcher, as a user would), and measures in one run the database's and gRPC's own limits beside the service's
 * methods. Prints a table, writes {@code bench/results.json} and a chart. Usage: see {@code bench/run --help}.
 */
public final class Bench {
    private static final String TOKEN = "bench-token";

    private final Options o;
    private final List<LoadRunner.Result> results = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    /** CPU of the server, the database, this generator and the bare gRPC server, through every measured window. */
    private final CpuMeter cpu = new CpuMeter();

    private Bench(Options o) {
        this.o = o;
    }

    record Options(Path root, String server, String user, String password, int rows, Duration warmup, Duration measure,
            List<Integer> levels, int concurrency, Path out, boolean smoke) {
        static Options parse(String[] args) {
            Path root = Path.of(System.getProperty("catalog.root", ".")).toAbsolutePath().normalize();
            String server = env("CATALOG_BENCH_SERVER", "jdbc:mysql://127.0.0.1:3306/");
            boolean smoke = List.of(args).contains("--smoke");
            int rows = smoke ? 2000 : 100_000;
            Duration warmup = smoke ? Duration.ofMillis(300) : Duration.ofSeconds(3);
            Duration measure = smoke ? Duration.ofMillis(700) : Duration.ofSeconds(8);
            List<Integer> levels = smoke ? List.of(1, 4) : List.of(1, 2, 4, 8, 16, 32);
            int concurrency = smoke ? 4 : 16;
            Path out = root.resolve(smoke ? "target/bench-smoke" : "bench");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rows" -> rows = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                    case "--duration" -> measure = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                    case "--levels" -> levels = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                    case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]).toAbsolutePath().normalize();
                    case "--smoke" -> { }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --smoke --rows N --warmup S --duration S --levels 1,2,4 --concurrency C --out DIR");
                }
            }
            return new Options(root, server.endsWith("/") ? server : server + "/", env("CATALOG_BENCH_USER", "root"),
                    env("CATALOG_BENCH_PASSWORD", ""), rows, warmup, measure, levels, concurrency, out, smoke);
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Files.createDirectories(o.out());
        // One run at a time per output folder: two at once would measure each other and interleave results.json.
        try (java.nio.channels.FileChannel lock = java.nio.channels.FileChannel.open(o.out().resolve(".bench.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            if (lock.tryLock() == null) {
                System.err.println("bench: another bench/run is writing to " + o.out() + "; wait for it, or give --out DIR");
                System.exit(2);
            }
            new Bench(o).run();
        }
    }

    private void run() throws Exception {
        String db = "catalog_bench_" + ProcessHandle.current().pid();
        String url = o.server() + db + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
        try (Connection c = DriverManager.getConnection(o.server(), o.user(), o.password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
            try (ResultSet rs = s.executeQuery("SELECT @@pid_file")) {
                cpu.watch("database", rs.next() ? CpuMeter.pidFromFile(rs.getString(1)) : null);
            }
        }
        cpu.watch("generator", ProcessHandle.current().pid());
        Path work = Files.createTempDirectory("catalog-bench");
        Process server = null;
        try {
            Map<String, String> env = Map.of("CATALOG_DB_URL", url, "CATALOG_DB_USER", o.user(), "CATALOG_DB_PASSWORD", o.password(),
                    "CATALOG_HOME", work.toString(), "CATALOG_TOKENS_FILE", tokens(work).toString(),
                    // Metrics stay on (their cost is part of what is measured), on any free port.
                    "CATALOG_METRICS_PORT", "0");
            log("migrating " + db + " and loading " + o.rows() + " colors ...");
            check(launch(env, work, "db", "upgrade").waitFor() == 0, "catalog db upgrade failed");
            load(url);
            figures.put("db_current_s", dbCurrentSeconds(env, work));
            java.util.Optional<FlaskReference> flask = FlaskReference.find(o.root(), o.server(), o.user(), o.password());
            if (flask.isPresent()) {
                againstFlask(flask.get(), env, work);
            }

            int port = freePort();
            long launched = System.nanoTime();
            server = launch(env, work, "serve", "--port", Integer.toString(port));
            cpu.watch("server", server.pid()); // the launcher execs the JVM: this pid is catalog serve's
            List<ManagedChannel> channels = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
            }
            ColorServiceGrpc.ColorServiceBlockingStub[] stubs = channels.stream().map(ch -> ColorServiceGrpc.newBlockingStub(ch)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth()))).toArray(ColorServiceGrpc.ColorServiceBlockingStub[]::new);
            HealthGrpc.HealthBlockingStub[] health = channels.stream().map(HealthGrpc::newBlockingStub).toArray(HealthGrpc.HealthBlockingStub[]::new);
            figures.put("ready_s", round(readySeconds(stubs[0], channels.get(0), launched, server), 3));
            log("server ready in " + figures.get("ready_s") + " s");

            try (HikariDataSource pool = pool(url); BareServer bare = BareServer.start(bareCommand(work, freePort()), work)) {
                cpu.watch("bare", bare.process.pid());
                sweep(pool, stubs, health, bare);
                operations(stubs, bare);
                writeLimits(pool);
                overload(channels);
            }
            cpu.watch("bare", null);
            perCpuFigures();
            figures.put("rss_mib", round(rssMib(server.pid()), 1));
            channels.forEach(ManagedChannel::shutdownNow);
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            double bare = bareReadySeconds(work);
            figures.put("bare_ready_s", round(bare, 3));
            figures.put("ready_vs_bare", round((Double) figures.get("ready_s") / bare, 2));
            upgradeSideBySide(work);
            if (!o.smoke()) {
                figures.put("catalog_home_mib", round(catalogHomeMib(work), 1));
            }
            report();
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
            try (Connection c = DriverManager.getConnection(o.server(), o.user(), o.password()); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db);
            }
        }
    }

    /** Runs by name and concurrency, for the per-CPU figures. */
    private final Map<String, LoadRunner.Result> byName = new LinkedHashMap<>();

    private LoadRunner.Result result(String name, int concurrency) {
        return byName.get(name + "@" + concurrency);
    }

    /**
     * DB limit, gRPC limit and GetColor at each concurrency level, the chart's lines; and at each level the bare gRPC
     * server's health call, whose CPU per call is what the catalog's own cost is compared with.
     */
    private void sweep(HikariDataSource pool, ColorServiceGrpc.ColorServiceBlockingStub[] stubs, HealthGrpc.HealthBlockingStub[] health,
            BareServer bare) throws Exception {
        Map<String, double[]> chart = Chart.series();
        double[] dbOps = new double[o.levels().size()];
        double[] grpcOps = new double[o.levels().size()];
        double[] getOps = new double[o.levels().size()];
        double[] composite = new double[o.levels().size()];
        double[] fair = new double[o.levels().size()];
        String sql = "SELECT id_color, name, active, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by, row_version "
                + "FROM colors WHERE id_color = ?";
        for (int i = 0; i < o.levels().size(); i++) {
            int c = o.levels().get(i);
            LoadRunner.Result db = measure("db_limit", c, (w, seq) -> {
                try (Connection conn = pool.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
                    ps.setLong(1, randomId());
                    try (ResultSet rs = ps.executeQuery()) {
                        check(rs.next(), "no row");
                    }
                }
            });
            LoadRunner.Result grpc = measure("grpc_limit", c, (w, seq) -> health[w % health.length].check(HealthCheckRequest.getDefaultInstance()));
            measure("bare", c, (w, seq) -> bare.health[w % bare.health.length].check(HealthCheckRequest.getDefaultInstance()));
            LoadRunner.Result get = measure("get", c, (w, seq) -> stubs[w % stubs.length].getColor(GetColorRequest.newBuilder().setId(randomId()).build()));
            dbOps[i] = db.opsPerSec();
            grpcOps[i] = grpc.opsPerSec();
            getOps[i] = get.opsPerSec();
            composite[i] = 1 / (1 / dbOps[i] + 1 / grpcOps[i]);
            fair[i] = fairLimit(get, result("bare", c));
        }
        int peak = 0;
        for (int i = 1; i < getOps.length; i++) {
            if (getOps[i] > getOps[peak]) {
                peak = i;
            }
        }
        figures.put("peak_concurrency", o.levels().get(peak));
        figures.put("db_limit_ops", round(dbOps[peak], 0));
        figures.put("grpc_limit_ops", round(grpcOps[peak], 0));
        figures.put("composite_limit_ops", round(composite[peak], 0));
        figures.put("get_ops", round(getOps[peak], 0));
        figures.put("get_vs_composite", round(getOps[peak] / composite[peak], 3));
        chart.put("DB limit (JDBC PK select)", dbOps);
        chart.put("gRPC limit (health check)", grpcOps);
        chart.put("composite 1/(1/DB+1/gRPC)", composite);
        chart.put("fair limit (server as cheap as bare gRPC)", fair);
        chart.put("GetColor", getOps);
        Files.createDirectories(o.out());
        Chart.draw(o.out().resolve("getcolor-throughput.png"), "GetColor throughput against its limits", o.levels(), chart, machine());
    }

    /**
     * The throughput an operation would reach if the server cost only what a bare gRPC server costs per call: the
     * machine's cores divided by the CPU one operation takes of the generator and the database (as measured for it) plus
     * the bare server's CPU per call at the same concurrency. Every phase saturates the cores, so this is the limit that
     * fits the machine; the composite limit of two separately measured limits does not (each had a core the combined
     * path lacks).
     */
    private static double fairLimit(LoadRunner.Result op, LoadRunner.Result bare) {
        double ms = op.cpuMsPerOp("generator") + op.cpuMsPerOp("database") + bare.cpuMsPerOp("bare");
        return Runtime.getRuntime().availableProcessors() * 1000.0 / ms;
    }

    /** List at page 1 and at page 1,000, Create and Update, at the configured concurrency. */
    private void operations(ColorServiceGrpc.ColorServiceBlockingStub[] stubs, BareServer bare) throws Exception {
        int c = o.concurrency();
        if (result("bare", c) == null) {
            measure("bare", c, (w, seq) -> bare.health[w % bare.health.length].check(HealthCheckRequest.getDefaultInstance()));
        }
        ListColorsRequest first = ListColorsRequest.newBuilder().setPageSize(50).build();
        int deep = Math.min(1000, o.rows() / 50 - 1);
        String token = "";
        for (int page = 1; page < deep; page++) {
            ListColorsResponse r = stubs[0].listColors(first.toBuilder().setPageToken(token).build());
            token = r.getNextPageToken();
        }
        ListColorsRequest deepRequest = first.toBuilder().setPageToken(token).build();
        check(stubs[0].listColors(deepRequest).getColorsCount() == 50, "page " + deep + " is full");
        LoadRunner.Result p1 = measure("list", c, (w, seq) -> stubs[w % stubs.length].listColors(first));
        LoadRunner.Result pDeep = measure("list_deep", c, (w, seq) -> stubs[w % stubs.length].listColors(deepRequest));
        figures.put("list_depth", deep);
        figures.put("list_page1_ms", round(p1.p50Ms(), 3));
        figures.put("list_page1000_ms", round(pDeep.p50Ms(), 3));
        figures.put("list_depth_ratio", round(pDeep.p50Ms() / p1.p50Ms(), 3));
        String run = Long.toString(System.nanoTime(), 36);
        LoadRunner.Result create = measure("create", c, (w, seq) -> stubs[w % stubs.length].createColor(CreateColorRequest.newBuilder()
                .setColor(Color.newBuilder().setName("bench " + run + " " + w + " " + seq)).build()));
        LoadRunner.Result update = measure("update", c, (w, seq) -> stubs[w % stubs.length].updateColor(UpdateColorRequest.newBuilder()
                .setColor(Color.newBuilder().setId(randomId()).setActive(seq % 2 == 0))
                .setUpdateMask(FieldMask.newBuilder().addPaths("active")).build()));
        figures.put("create_ops", round(create.opsPerSec(), 0));
        figures.put("update_ops", round(update.opsPerSec(), 0));
    }

    /**
     * What each operation costs each process per call, and the server's cost against the bare gRPC server's at the same
     * concurrency ({@code *_cpu_vs_bare}); each operation against the limit that fits the machine ({@code *_vs_limit}).
     */
    private void perCpuFigures() {
        int peak = (Integer) figures.get("peak_concurrency");
        Map<String, Object> perOp = new LinkedHashMap<>();
        for (String[] op : new String[][] {{"get", Integer.toString(peak)}, {"list", Integer.toString(o.concurrency())},
                {"create", Integer.toString(o.concurrency())}, {"update", Integer.toString(o.concurrency())}}) {
            int c = Integer.parseInt(op[1]);
            LoadRunner.Result r = result(op[0], c);
            LoadRunner.Result bare = result("bare", c);
            double limit = fairLimit(r, bare);
            perOp.put(op[0], String.format(Locale.ROOT, "{\"concurrency\": %d, \"server\": %.3f, \"database\": %.3f, \"generator\": %.3f, "
                    + "\"bare_server\": %.3f, \"fair_limit_ops\": %.0f}", c, r.cpuMsPerOp("server"), r.cpuMsPerOp("database"),
                    r.cpuMsPerOp("generator"), bare.cpuMsPerOp("bare"), limit));
            figures.put(op[0] + "_cpu_vs_bare", round(r.cpuMsPerOp("server") / bare.cpuMsPerOp("bare"), 3));
            if (!op[0].equals("list")) {
                figures.put(op[0] + "_vs_limit", round(r.opsPerSec() / limit, 3));
            }
        }
        figures.put("cpu_ms_per_op", perOp.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ", "{", "}")));
    }

    /**
     * Far above capacity: {@code streams} clients each calling GetColor with a 200 ms deadline, again as soon as they
     * have an answer. The OK calls per second against the unloaded GetColor throughput is {@code overload_goodput_ratio};
     * the rest should be refused (UNAVAILABLE, at once), not time out.
     */
    private void overload(List<ManagedChannel> channels) throws Exception {
        int streams = o.smoke() ? 200 : 4000;
        OverloadRunner.Result r = OverloadRunner.run(channels, auth(), streams, Duration.ofMillis(200), o.warmup(), o.measure(),
                () -> GetColorRequest.newBuilder().setId(randomId()).build());
        log(String.format(Locale.ROOT, "overload       s=%-5d %10.0f ok/s  refused %.0f/s  timed out %.0f/s  other %.0f/s  p50 ok %.1f ms",
                streams, r.okPerSec(), r.refusedPerSec(), r.timedOutPerSec(), r.otherPerSec(), r.p50OkMs()));
        figures.put("overload_streams", streams);
        figures.put("overload_ok_ops", round(r.okPerSec(), 0));
        figures.put("overload_refused_ops", round(r.refusedPerSec(), 0));
        figures.put("overload_timed_out_ops", round(r.timedOutPerSec(), 0));
        figures.put("overload_goodput_ratio", round(r.okPerSec() / ((Number) figures.get("get_ops")).doubleValue(), 3));
    }

    /**
     * The write limits: the adapter's own INSERT and UPDATE of a color over plain JDBC on the same kind of pool, at the
     * configured concurrency; Create and Update are reported as a fraction of them.
     */
    private void writeLimits(HikariDataSource pool) throws Exception {
        int c = o.concurrency();
        String run = Long.toString(System.nanoTime(), 36);
        LoadRunner.Result insert = measure("db_insert_limit", c, (w, seq) -> {
            try (Connection conn = pool.getConnection(); PreparedStatement ps = conn.prepareStatement("INSERT INTO colors (name, active, "
                    + "created_at, created_by, updated_at, updated_by, row_version) VALUES (?, ?, ?, ?, ?, ?, 1)")) {
                java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
                ps.setString(1, "limit " + run + " " + w + " " + seq);
                ps.setBoolean(2, true);
                ps.setTimestamp(3, now);
                ps.setString(4, "bench");
                ps.setTimestamp(5, now);
                ps.setString(6, "bench");
                ps.executeUpdate();
            }
        });
        LoadRunner.Result update = measure("db_update_limit", c, (w, seq) -> {
            try (Connection conn = pool.getConnection(); PreparedStatement ps = conn.prepareStatement("UPDATE colors SET active = ?, "
                    + "updated_at = ?, updated_by = ?, row_version = row_version + 1 WHERE id_color = ?")) {
                ps.setBoolean(1, seq % 2 == 0);
                ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.now()));
                ps.setString(3, "bench");
                ps.setLong(4, randomId());
                ps.executeUpdate();
            }
        });
        figures.put("db_write_limit_ops", String.format(Locale.ROOT, "{\"insert\": %.0f, \"update\": %.0f}", insert.opsPerSec(),
                update.opsPerSec()));
        figures.put("create_vs_db_limit", round(((Number) figures.get("create_ops")).doubleValue() / insert.opsPerSec(), 3));
        figures.put("update_vs_db_limit", round(((Number) figures.get("update_ops")).doubleValue() / update.opsPerSec(), 3));
    }

    /**
     * Launch to first health answer of {@link BareHealthServer} with the flags the launcher gives {@code catalog serve}
     * (read from the launcher itself) and, like it, a class-data archive recorded once: the median of 5 launches.
     */
    private double bareReadySeconds(Path work) throws Exception {
        List<String> flags = serveFlags();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = o.root().resolve("bench/target/bench.jar").toString();
        Path jsa = work.resolve("bare.jsa");
        List<String> train = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        train.addAll(flags);
        train.addAll(List.of("-cp", jar, BareHealthServer.class.getName(), Integer.toString(freePort()), "--train"));
        check(new ProcessBuilder(train).redirectErrorStream(true).redirectOutput(work.resolve("bare-train.out").toFile()).start()
                .waitFor() == 0, "the bare server's training run failed");
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(java, "-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            command.addAll(flags);
            command.addAll(List.of("-cp", jar, BareHealthServer.class.getName(), Integer.toString(port)));
            long launched = System.nanoTime();
            Process bare = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("bare.out").toFile()).start();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                awaitHealth(channel, bare, Duration.ofMinutes(1), "the bare server (see " + work.resolve("bare.out") + ")");
                runs.add((System.nanoTime() - launched) / 1e9);
            } finally {
                channel.shutdownNow();
                bare.destroy();
                bare.waitFor(30, TimeUnit.SECONDS);
            }
        }
        runs.sort(Double::compare);
        log("bare gRPC health server ready in " + runs + " s");
        return runs.get(runs.size() / 2);
    }

    /** The JVM flags the launcher gives {@code catalog serve}, read from the launcher itself. */
    private List<String> serveFlags() throws IOException {
        String launcher = Files.readString(o.root().resolve("catalog"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("= \"serve\" \\]; then\\s*\n(?:\\s*#.*\n)*\\s*opts\\+=\\(([^)]*)\\)")
                .matcher(launcher);
        check(block.find(), "cannot find the flags the launcher gives serve");
        return new ArrayList<>(List.of(block.group(1).replace("\\\n", " ").trim().split("\\s+")));
    }

    /** The bare gRPC health server on {@code port}, with serve's flags. */
    private List<String> bareCommand(Path work, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(serveFlags());
        command.addAll(List.of("-cp", o.root().resolve("bench/target/bench.jar").toString(), BareHealthServer.class.getName(),
                Integer.toString(port)));
        return command;
    }

    /** The bare gRPC server under load: its process (whose CPU is measured) and channels to it. */
    private static final class BareServer implements AutoCloseable {
        final Process process;
        final List<ManagedChannel> channels = new ArrayList<>();
        final HealthGrpc.HealthBlockingStub[] health;

        private BareServer(Process process, int port) {
            this.process = process;
            for (int i = 0; i < 4; i++) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
            }
            health = channels.stream().map(HealthGrpc::newBlockingStub).toArray(HealthGrpc.HealthBlockingStub[]::new);
        }

        static BareServer start(List<String> command, Path work) throws Exception {
            int port = Integer.parseInt(command.get(command.size() - 1));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("bare-load.out").toFile()).start();
            BareServer bare = new BareServer(p, port);
            awaitHealth(bare.channels.get(0), p, Duration.ofMinutes(1), "the bare server (see " + work.resolve("bare-load.out") + ")");
            return bare;
        }

        @Override
        public void close() throws InterruptedException {
            channels.forEach(ManagedChannel::shutdownNow);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Polls {@code channel}'s health service until it answers, skipping gRPC's reconnect back-off; fails if {@code process} dies. */
    private static void awaitHealth(ManagedChannel channel, Process process, Duration patience, String what) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (true) {
            check(process.isAlive() && System.nanoTime() < until, what + " did not answer");
            try {
                HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
                return;
            } catch (io.grpc.StatusRuntimeException e) {
                channel.resetConnectBackoff();
                Thread.sleep(5);
            }
        }
    }

    /**
     * {@code catalog db current} against {@code flask db current} (each on a database at its head), and {@code catalog db
     * upgrade 5} against {@code flask db upgrade} (both from empty through the original's five migrations), paired.
     */
    private void againstFlask(FlaskReference flask, Map<String, String> env, Path work) throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        String flaskDb = "catalog_bench_flask_" + pid;
        createDatabase(flaskDb);
        try {
            flask.run(flaskDb, work.resolve("flask-upgrade.out"), "upgrade");
            double[] current = FlaskReference.paired(o.smoke() ? 1 : 9, (i, catalogFirst) -> {
                double[] t = new double[2];
                for (boolean catalogTurn : catalogFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    if (catalogTurn) {
                        long start = System.nanoTime();
                        check(launch(env, work, "db", "current").waitFor() == 0, "catalog db current failed");
                        t[0] = (System.nanoTime() - start) / 1e9;
                    } else {
                        t[1] = flask.run(flaskDb, work.resolve("flask-current.out"), "current");
                    }
                }
                return t;
            });
            figures.put("db_current_flask_s", round(current[1], 3));
            figures.put("db_current_vs_flask", round(current[2], 3));
            log("catalog db current " + round(current[0], 3) + " s, flask db current " + round(current[1], 3) + " s (medians of pairs)");
        } finally {
            dropDatabase(flaskDb);
        }
        double[] upgrade = FlaskReference.paired(o.smoke() ? 1 : 5, (i, catalogFirst) -> {
            double[] t = new double[2];
            String a = "catalog_bench_fup_" + pid + "_" + i + "_c";
            String b = "catalog_bench_fup_" + pid + "_" + i + "_f";
            createDatabase(a);
            createDatabase(b);
            try {
                Map<String, String> onA = new java.util.HashMap<>(env);
                onA.put("CATALOG_DB_URL", o.server() + a);
                for (boolean catalogTurn : catalogFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    if (catalogTurn) {
                        long start = System.nanoTime();
                        check(launch(onA, work, "db", "upgrade", "5").waitFor() == 0, "catalog db upgrade 5 failed");
                        t[0] = (System.nanoTime() - start) / 1e9;
                    } else {
                        t[1] = flask.run(b, work.resolve("flask-upgrade.out"), "upgrade");
                    }
                }
            } finally {
                dropDatabase(a);
                dropDatabase(b);
            }
            return t;
        });
        figures.put("upgrade5_s", round(upgrade[0], 3));
        figures.put("upgrade_flask_s", round(upgrade[1], 3));
        figures.put("upgrade_vs_flask", round(upgrade[2], 3));
        log("catalog db upgrade 5 " + round(upgrade[0], 3) + " s, flask db upgrade " + round(upgrade[1], 3) + " s (medians of pairs)");
    }

    private void createDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(o.server(), o.user(), o.password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    private void dropDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(o.server(), o.user(), o.password()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    /**
     * {@code catalog db upgrade} from an empty database to head, against a fixed reference: the stock {@code mariadb}
     * client running the same V scripts from a file (the DDL itself, with no tool around it). Pairs alternate which goes
     * first, each on a new database; the figure is the median of the per-pair ratios.
     */
    private void upgradeSideBySide(Path work) throws Exception {
        Path scripts = o.root().resolve("migrations/src/main/resources/db/migration");
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(scripts)) {
            for (Path v : files.filter(p -> p.getFileName().toString().startsWith("V"))
                    .sorted(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(1).split("__")[0])))
                    .toList()) {
                all.append(Files.readString(v)).append('\n');
            }
        }
        Path sql = work.resolve("all-upgrades.sql");
        Files.writeString(sql, all.toString());
        String client = Files.isExecutable(Path.of("/usr/bin/mariadb")) ? "/usr/bin/mariadb" : "mysql";
        java.net.URI server = java.net.URI.create(o.server().substring("jdbc:".length()));
        int pairs = o.smoke() ? 1 : 7;
        List<Double> ratios = new ArrayList<>();
        List<Double> catalogTimes = new ArrayList<>();
        List<Double> referenceTimes = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            double[] t = new double[2];
            for (int k = 0; k < 2; k++) {
                boolean catalogTurn = (i + k) % 2 == 0;
                String db = "catalog_bench_up_" + ProcessHandle.current().pid() + "_" + i + "_" + k;
                try (Connection c = DriverManager.getConnection(o.server(), o.user(), o.password()); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                }
                try {
                    long start = System.nanoTime();
                    if (catalogTurn) {
                        Map<String, String> env = Map.of("CATALOG_DB_URL", o.server() + db, "CATALOG_DB_USER", o.user(),
                                "CATALOG_DB_PASSWORD", o.password(), "CATALOG_HOME", work.toString());
                        check(launch(env, work, "db", "upgrade").waitFor() == 0, "catalog db upgrade failed");
                    } else {
                        List<String> command = new ArrayList<>(List.of(client, "--host=" + server.getHost(), "--port=" + server.getPort(),
                                "--user=" + o.user(), db));
                        if (!o.password().isEmpty()) {
                            command.add(3, "--password=" + o.password());
                        }
                        check(new ProcessBuilder(command).redirectInput(sql.toFile()).redirectErrorStream(true)
                                .redirectOutput(work.resolve("reference.out").toFile()).start().waitFor() == 0, "the reference upgrade failed");
                    }
                    t[catalogTurn ? 0 : 1] = (System.nanoTime() - start) / 1e9;
                } finally {
                    try (Connection c = DriverManager.getConnection(o.server(), o.user(), o.password()); Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE IF EXISTS " + db);
                    }
                }
            }
            catalogTimes.add(t[0]);
            referenceTimes.add(t[1]);
            ratios.add(t[0] / t[1]);
        }
        ratios.sort(Double::compare);
        catalogTimes.sort(Double::compare);
        referenceTimes.sort(Double::compare);
        figures.put("upgrade_s", round(catalogTimes.get(pairs / 2), 3));
        figures.put("upgrade_reference_s", round(referenceTimes.get(pairs / 2), 3));
        figures.put("upgrade_vs_reference", round(ratios.get(pairs / 2), 2));
        log("catalog db upgrade (empty to head) " + catalogTimes + " s; reference (mariadb < V scripts) " + referenceTimes + " s");
    }

    /**
     * A fresh clone's {@code .catalog/} after its first {@code serve} on the embedded database (the MariaDB binaries live
     * in the per-user cache and are not counted): serve until it answers, stop it, measure the folder.
     */
    private double catalogHomeMib(Path work) throws Exception {
        Path home = Files.createDirectories(work.resolve("fresh-clone-home"));
        int port = freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of("CATALOG_HOME", home.toString(), "CATALOG_METRICS_PORT", "off"));
        ProcessBuilder pb = new ProcessBuilder(o.root().resolve("catalog").toString(), "serve", "--port", Integer.toString(port))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("embedded-serve.out").toFile());
        pb.environment().putAll(env);
        pb.environment().remove("CATALOG_DB_URL");
        Process serve = pb.start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            awaitHealth(channel, serve, Duration.ofMinutes(3), "catalog serve on the embedded database (see "
                    + work.resolve("embedded-serve.out") + ")");
        } finally {
            channel.shutdownNow();
            serve.destroy();
            serve.waitFor(60, TimeUnit.SECONDS);
        }
        long bytes;
        try (var files = Files.walk(home)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
        log("a fresh clone's .catalog/ after its first serve: " + bytes / 1024 / 1024 + " MiB");
        return bytes / 1024.0 / 1024.0;
    }

    private LoadRunner.Result measure(String name, int concurrency, LoadRunner.Op op) throws InterruptedException {
        LoadRunner.Result r = LoadRunner.run(name, concurrency, o.warmup(), o.measure(), op, cpu);
        results.add(r);
        byName.put(name + "@" + concurrency, r);
        log(String.format(Locale.ROOT, "%-14s c=%-3d %10.0f ops/s  p50 %7.3f ms  p99 %7.3f ms  errors %d%s", name, concurrency,
                r.opsPerSec(), r.p50Ms(), r.p99Ms(), r.errors(), r.firstError() == null ? "" : " (" + r.firstError() + ")"));
        return r;
    }

    private void report() throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%n%-14s %4s %12s %10s %10s %7s%n", "measure", "c", "ops/s", "p50 ms", "p99 ms", "errors"));
        for (LoadRunner.Result r : results) {
            table.append(String.format(Locale.ROOT, "%-14s %4d %12.0f %10.3f %10.3f %7d%n", r.name(), r.concurrency(), r.opsPerSec(),
                    r.p50Ms(), r.p99Ms(), r.errors()));
        }
        table.append(String.format(Locale.ROOT, "%nserver CPU per call / bare gRPC server's (same concurrency): get %s (target <= 1.3), "
                + "list %s, create %s, update %s%n", figures.get("get_cpu_vs_bare"), figures.get("list_cpu_vs_bare"),
                figures.get("create_cpu_vs_bare"), figures.get("update_cpu_vs_bare")));
        table.append(String.format(Locale.ROOT, "CPU ms per call (server, database, generator, bare server): %s%n", figures.get("cpu_ms_per_op")));
        table.append(String.format(Locale.ROOT, "GetColor / fair limit at c=%s: %s (target >= 0.8); / composite limit: %s%n",
                figures.get("peak_concurrency"), figures.get("get_vs_limit"), figures.get("get_vs_composite")));
        table.append(String.format(Locale.ROOT, "overload (%s streams, 200 ms deadlines): %s ok/s, %s refused/s, %s timed out/s; "
                + "overload_goodput_ratio %s (target >= 0.5)%n", figures.get("overload_streams"), figures.get("overload_ok_ops"),
                figures.get("overload_refused_ops"), figures.get("overload_timed_out_ops"), figures.get("overload_goodput_ratio")));
        table.append(String.format(Locale.ROOT, "ListColors page %s / page 1 (p50): %s (target <= 1.2)%n", figures.get("list_depth"),
                figures.get("list_depth_ratio")));
        table.append(String.format(Locale.ROOT, "server RSS after the load: %s MiB (target <= 256)%n", figures.get("rss_mib")));
        table.append(String.format(Locale.ROOT, "Create / fair limit: %s (target >= 0.7); Update / fair limit: %s (target >= 0.6); "
                + "against plain JDBC writes %s: create %s, update %s%n", figures.get("create_vs_limit"), figures.get("update_vs_limit"),
                figures.get("db_write_limit_ops"), figures.get("create_vs_db_limit"), figures.get("update_vs_db_limit")));
        table.append(String.format(Locale.ROOT, "catalog serve ready after: %s s; bare gRPC health server: %s s; ready_vs_bare %s "
                + "(target <= 1.5)%n", figures.get("ready_s"), figures.get("bare_ready_s"), figures.get("ready_vs_bare")));
        table.append(String.format(Locale.ROOT, "catalog db upgrade, empty to head: %s s; the reference (mariadb < V scripts): %s s; "
                + "upgrade_vs_reference %s%n", figures.get("upgrade_s"), figures.get("upgrade_reference_s"), figures.get("upgrade_vs_reference")));
        table.append(String.format(Locale.ROOT, "a fresh clone's .catalog/ after its first serve: %s MiB (target <= 100)%n",
                figures.get("catalog_home_mib")));
        table.append(String.format(Locale.ROOT, "catalog db current: %s s; flask db current (the original, same server): %s s; "
                + "db_current_vs_flask %s (target < 1)%n", figures.get("db_current_s"), figures.get("db_current_flask_s"),
                figures.get("db_current_vs_flask")));
        table.append(String.format(Locale.ROOT, "catalog db upgrade 5: %s s; flask db upgrade (the original's five): %s s; "
                + "upgrade_vs_flask %s%n", figures.get("upgrade5_s"), figures.get("upgrade_flask_s"), figures.get("upgrade_vs_flask")));
        table.append("machine: ").append(machine()).append('\n');
        System.out.print(table);
        Files.createDirectories(o.out());
        StringBuilder json = new StringBuilder("{\n");
        figures.forEach((k, v) -> json.append("  \"").append(k).append("\": ").append(v).append(",\n"));
        json.append("  \"machine\": \"").append(machine().replace("\"", "'")).append("\",\n  \"runs\": [\n");
        for (int i = 0; i < results.size(); i++) {
            LoadRunner.Result r = results.get(i);
            json.append(String.format(Locale.ROOT, "    {\"name\": \"%s\", \"concurrency\": %d, \"ops_per_s\": %.1f, \"p50_ms\": %.3f, "
                    + "\"p99_ms\": %.3f, \"errors\": %d}%s%n", r.name(), r.concurrency(), r.opsPerSec(), r.p50Ms(), r.p99Ms(), r.errors(),
                    i + 1 < results.size() ? "," : ""));
        }
        json.append("  ]\n}\n");
        Files.writeString(o.out().resolve("results.json"), json.toString());
        Files.writeString(o.out().resolve("results.txt"), table.toString());
        log("wrote " + o.out().resolve("results.json") + " and " + o.out().resolve("getcolor-throughput.png"));
    }

    private void load(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url + "&rewriteBatchedStatements=true", o.user(), o.password())) {
            c.setAutoCommit(false);
            insert(c, "INSERT INTO colors (name, active, created_by, updated_by) VALUES (?, 1, 'bench', 'bench')", o.rows(), i -> new Object[] {String.format("color %06d", i)});
            int few = o.smoke() ? 20 : 300;
            insert(c, "INSERT INTO roles (name, active, created_by, updated_by) VALUES (?, 1, 'bench', 'bench')", few, i -> new Object[] {"role " + i});
            insert(c, "INSERT INTO wood_types (name, description, active, created_by, updated_by) VALUES (?, ?, 1, 'bench', 'bench')", few,
                    i -> new Object[] {"wood " + i, "description of wood " + i});
            insert(c, "INSERT INTO unit_of_measures (name, abbreviation, active, created_by, updated_by) VALUES (?, ?, 1, 'bench', 'bench')", few,
                    i -> new Object[] {"unit " + i, "u" + i});
            insert(c, "INSERT INTO furniture_type (name, active, created_by, updated_by) VALUES (?, 1, 'bench', 'bench')", few, i -> new Object[] {"type " + i});
            c.commit();
        }
    }

    private static void insert(Connection c, String sql, int n, java.util.function.IntFunction<Object[]> row) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= n; i++) {
                Object[] values = row.apply(i);
                for (int v = 0; v < values.length; v++) {
                    ps.setObject(v + 1, values[v]);
                }
                ps.addBatch();
                if (i % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private double dbCurrentSeconds(Map<String, String> env, Path work) throws Exception {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            check(launch(env, work, "db", "current").waitFor() == 0, "catalog db current failed");
            runs.add((System.nanoTime() - start) / 1e9);
        }
        runs.sort(Double::compare);
        return round(runs.get(runs.size() / 2), 3);
    }

    /** From launch to the first successful GetColor; the probe skips gRPC's reconnect back-off so it measures the server. */
    private double readySeconds(ColorServiceGrpc.ColorServiceBlockingStub stub, ManagedChannel channel, long launched, Process server)
            throws Exception {
        while (true) {
            check(server.isAlive(), "catalog serve exited early; see " + o.out());
            try {
                stub.withDeadlineAfter(2, TimeUnit.SECONDS).getColor(GetColorRequest.newBuilder().setId(1).build());
                return (System.nanoTime() - launched) / 1e9;
            } catch (io.grpc.StatusRuntimeException e) {
                channel.resetConnectBackoff();
                Thread.sleep(5);
            }
        }
    }

    private Process launch(Map<String, String> env, Path work, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(o.root().resolve("catalog").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("catalog-" + args[0] + ".out").toFile())
                .redirectError(work.resolve("catalog-" + args[0] + ".err").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Path tokens(Path work) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        Path file = work.resolve("tokens");
        Files.writeString(file, hash + " bench editor\n");
        return file;
    }

    private static Metadata auth() {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
        return m;
    }

    private HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(o.user());
        config.setPassword(o.password());
        config.setMaximumPoolSize(16);
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "250");
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
        config.addDataSourceProperty("useLocalSessionState", "true");
        return new HikariDataSource(config);
    }

    private long randomId() {
        return ThreadLocalRandom.current().nextLong(1, o.rows() + 1);
    }

    private static double rssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException ignored) {
            // Not Linux: keep "unknown CPU".
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void log(String line) {
        System.err.println("bench: " + line);
    }
}
