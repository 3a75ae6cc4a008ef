package furniture.catalog.server.serve;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import furniture.catalog.grpc.CallLimiter;
import furniture.catalog.grpc.CallLog;
import furniture.catalog.grpc.TokenSource;
import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.persistence.Persistence;
import furniture.catalog.persistence.PersistenceSettings;
import furniture.catalog.server.metrics.Telemetry;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running gRPC server: the catalog services (authenticated), reflection and health, over Netty, with metrics. */
public final class CatalogServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogServer.class);

    /** A certificate chain and its private key (PEM), the CA of client certificates for mutual TLS, and how often to re-read them. */
    public record Tls(java.io.File certChain, java.io.File privateKey, Optional<java.io.File> clientCa, Duration refresh) {
        public Tls(java.io.File certChain, java.io.File privateKey) {
            this(certChain, privateKey, Optional.empty(), Duration.ofMinutes(1));
        }
    }

    /** What the transport accepts and how it keeps connections healthy. */
    public record Transport(int maxMessageBytes, int maxMetadataBytes, Duration keepAliveTime, Duration keepAliveTimeout,
            Duration permitKeepAliveTime, Optional<Duration> maxConnectionAge, Duration maxConnectionAgeGrace) {
        public static final Transport DEFAULTS = new Transport(1024 * 1024, 16 * 1024, Duration.ofHours(2),
                Duration.ofSeconds(20), Duration.ofMinutes(5), Optional.empty(), Duration.ofSeconds(30));
    }

    /**
     * Everything the server needs to start.
     *
     * @param drain on shutdown, how long health says NOT_SERVING while calls are still taken, so that load balancers
     *     move away before the listener closes
     * @param grace then, how long calls in flight may finish
     */
    public record Settings(DatabaseConnector database, MigrationEngine engine, TokenSource tokens, InetSocketAddress address,
            Optional<Tls> tls, Transport transport, Duration healthPeriod, Duration drain, Duration grace, int poolSize,
            Duration poolTimeout, Telemetry.Settings metrics, Duration statementTimeout, int maxCalls) {

        /** The defaults of {@code catalog serve}, with no TLS and no metrics endpoint. */
        public static Settings of(DatabaseConnector database, MigrationEngine engine, TokenSource tokens, InetSocketAddress address) {
            return new Settings(database, engine, tokens, address, Optional.empty(), Transport.DEFAULTS, Duration.ofSeconds(2),
                    Duration.ZERO, Duration.ofSeconds(10), 16, Duration.ofSeconds(5), Telemetry.Settings.NONE,
                    PersistenceSettings.DEFAULT_STATEMENT_TIMEOUT, 64);
        }

        public Settings withTls(Optional<Tls> tls) {
            return new Settings(database, engine, tokens, address, tls, transport, healthPeriod, drain, grace, poolSize, poolTimeout, metrics, statementTimeout, maxCalls);
        }

        public Settings withTimes(Duration healthPeriod, Duration drain, Duration grace) {
            return new Settings(database, engine, tokens, address, tls, transport, healthPeriod, drain, grace, poolSize, poolTimeout, metrics, statementTimeout, maxCalls);
        }

        public Settings withPool(int poolSize, Duration poolTimeout) {
            return new Settings(database, engine, tokens, address, tls, transport, healthPeriod, drain, grace, poolSize, poolTimeout, metrics, statementTimeout, maxCalls);
        }

        public Settings withTransport(Transport transport) {
            return new Settings(database, engine, tokens, address, tls, transport, healthPeriod, drain, grace, poolSize, poolTimeout, metrics, statementTimeout, maxCalls);
        }

        /** These settings as {@code change} returns them: for callers that hold the change as a value. */
        public Settings with(java.util.function.UnaryOperator<Settings> change) {
            return change.apply(this);
        }

        /** How many catalog calls may run at once; more are shed with UNAVAILABLE and a retry delay. */
        public Settings withMaxCalls(int maxCalls) {
            return new Settings(database, engine, tokens, address, tls, transport, healthPeriod, drain, grace, poolSize, poolTimeout, metrics, statementTimeout, maxCalls);
        }

        /** How long a statement may wait for the database when the caller set no deadline. */
        public Settings withStatementTimeout(Duration statementTimeout) {
            return new Settings(database, engine, tokens, address, tls, transport, healthPeriod, drain, grace, poolSize, poolTimeout, metrics, statementTimeout, maxCalls);
        }

        public Settings withMetrics(Telemetry.Settings metrics) {
            return new Settings(database, engine, tokens, address, tls, transport, healthPeriod, drain, grace, poolSize, poolTimeout, metrics, statementTimeout, maxCalls);
        }
    }

    private final Server server;
    private final HealthChecker health;
    private final Persistence persistence;
    private final Telemetry telemetry;
    private final Optional<TlsMaterial> tls;
    private final Settings settings;
    private final ThreadPoolExecutor executor;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private CatalogServer(Server server, HealthChecker health, Persistence persistence, Telemetry telemetry,
            Optional<TlsMaterial> tls, Settings settings, ThreadPoolExecutor executor) {
        this.server = server;
        this.health = health;
        this.persistence = persistence;
        this.telemetry = telemetry;
        this.tls = tls;
        this.settings = settings;
        this.executor = executor;
    }

    public static CatalogServer start(Settings settings) throws IOException {
        Optional<TlsMaterial> tls = Optional.empty();
        if (settings.tls().isPresent()) {
            Tls files = settings.tls().get();
            try {
                tls = Optional.of(TlsMaterial.load(new TlsMaterial.Files(files.certChain(), files.privateKey(), files.clientCa(), files.refresh())));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IOException("cannot use the TLS files " + files.certChain() + ", " + files.privateKey()
                        + files.clientCa().map(ca -> ", " + ca).orElse("") + ": " + e.getMessage(), e);
            }
        }
        Telemetry telemetry = Telemetry.start(settings.metrics());
        DatabaseConnector db = settings.database();
        CallLimiter limiter = new CallLimiter(settings.maxCalls());
        Injector injector;
        List<ServerServiceDefinition> services;
        try {
            injector = Guice.createInjector(new ServerModule(new PersistenceSettings(db.url(), db.user(), db.password(),
                    settings.poolSize(), settings.poolTimeout(), Optional.of(telemetry.pool()), settings.statementTimeout()), settings.tokens(),
                    limiter));
            services = injector.getInstance(Key.get(new TypeLiteral<List<ServerServiceDefinition>>() {}));
        } catch (com.google.inject.ProvisionException | com.google.inject.CreationException e) {
            telemetry.close();
            // What the wiring found (the model and the proto disagreeing, say) is one line deep inside Guice's report.
            throw new IllegalStateException(rootMessage(e), e);
        }
        HealthStatusManager healthStatus = new HealthStatusManager();
        Transport transport = settings.transport();
        ThreadPoolExecutor executor = callExecutor(settings.maxCalls() + EXECUTOR_HEADROOM);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(settings.address(),
                        tls.map(TlsMaterial::credentials).orElseGet(InsecureServerCredentials::create))
                .maxInboundMessageSize(transport.maxMessageBytes())
                .maxInboundMetadataSize(transport.maxMetadataBytes())
                .keepAliveTime(transport.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(transport.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(transport.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAgeGrace(transport.maxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
                // A fixed number of threads: the calls the limiter lets in, plus room for its refusals, health and reflection.
                .executor(executor)
                .callExecutor(limiter.shedder())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(healthStatus.getHealthService())
                .intercept(new CallLog());
        transport.maxConnectionAge().ifPresent(age -> builder.maxConnectionAge(age.toMillis(), TimeUnit.MILLISECONDS));
        services.forEach(builder::addService);
        telemetry.instrument(builder);
        // Health asks on connections of its own that give up quickly, so a database that stops answering (packets
        // dropped) turns it NOT_SERVING within seconds instead of hanging the check.
        HealthChecker health = new HealthChecker(healthStatus,
                settings.engine().through(db.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))),
                services.stream().map(s -> s.getServiceDescriptor().getName()).toList());
        telemetry.schema(health::version, health::pending);
        Server server;
        try {
            // Listen first: health says SERVING only on a server that is there.
            server = builder.build().start();
        } catch (IOException e) {
            executor.shutdown();
            injector.getInstance(Persistence.class).close();
            tls.ifPresent(TlsMaterial::close);
            telemetry.close();
            throw new IllegalStateException("cannot listen on " + settings.address().getAddress().getHostAddress() + ":"
                    + settings.address().getPort() + ": " + (inUse(e) ? "address already in use (another catalog serve? --port, or "
                    + "CATALOG_GRPC_PORT, picks another; 0 any free one)" : rootMessage(e)), e);
        }
        health.start(settings.healthPeriod().toMillis());
        return new CatalogServer(server, health, injector.getInstance(Persistence.class), telemetry, tls, settings, executor);
    }

    /** Whether binding failed because the port is taken (java.net's BindException, or Netty's native EADDRINUSE). */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message of a failure: Guice wraps what a provider threw in a report of its own. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == e && e instanceof com.google.inject.ProvisionException p && !p.getErrorMessages().isEmpty()) {
            return p.getErrorMessages().iterator().next().getMessage();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Threads for the calls, at most {@code threads}, named for a thread dump; idle ones end after a minute. */
    private static ThreadPoolExecutor callExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "catalog-call-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The most threads serving calls: {@code maxCalls} plus this many for refusals, health and reflection. */
    public static final int EXECUTOR_HEADROOM = 8;

    public int port() {
        return server.getPort();
    }

    /** The port of {@code /metrics}, or -1 when there is no scrape endpoint. */
    public int metricsPort() {
        return telemetry.prometheusPort();
    }

    /** Whether callers may authenticate with a client certificate. */
    public boolean mutualTls() {
        return tls.map(TlsMaterial::mutual).orElse(false);
    }

    /** Re-reads the certificate files now (SIGHUP); they are also re-read every refresh period. */
    public void reloadTls(String why) {
        tls.ifPresent(t -> t.reload(why));
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Health says NOT_SERVING for the drain period while calls are still taken; then no new calls, and those in flight
     * finish within the grace period; then the pool and the metrics close.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        health.drain();
        try {
            if (!settings.drain().isZero()) {
                log.info("draining: health NOT_SERVING, still taking calls for {} ms", settings.drain().toMillis());
                Thread.sleep(settings.drain().toMillis());
            }
            server.shutdown();
            if (!server.awaitTermination(settings.grace().toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        health.close();
        executor.shutdown();
        persistence.close();
        tls.ifPresent(TlsMaterial::close);
        telemetry.close();
    }
}
