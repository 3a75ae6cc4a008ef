package furniture.catalog.server.serve;

import furniture.catalog.migrations.CheckResult;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.MigrationException;
import furniture.catalog.migrations.ScriptSource;
import furniture.catalog.server.model.CatalogModel;
import furniture.catalog.server.cli.Converters;
import furniture.catalog.server.cli.DatabaseOptions;
import furniture.catalog.server.metrics.Telemetry;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code catalog serve}: the gRPC service, with reflection, health and metrics, on the configured or embedded database.
 * Every option's default comes from its environment variable (shown in {@code --help}).
 */
@Command(name = "serve", sortOptions = false,
        description = {"Serve the catalog over gRPC.", "Every option defaults to its environment variable, named in (…)."},
        footer = {"", "Examples:",
                "  catalog serve            # the embedded database, 127.0.0.1:9090, a generated admin token",
                "  catalog serve --port 0   # any free port (the serving line says which)",
                "  CATALOG_DB_URL=jdbc:mysql://db.internal:3306/catalog CATALOG_DB_PASSWORD_FILE=/run/secrets/db \\",
                "      catalog serve --migrate",
                "  catalog serve --address 0.0.0.0 --tokens-file /etc/catalog/tokens \\",
                "      --tls-cert /etc/catalog/server.pem --tls-key /etc/catalog/server.key"})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Mixin
    furniture.catalog.server.cli.SchemaChangeOptions change;

    @Mixin
    furniture.catalog.server.cli.HelpOption help;

    @Option(names = "--address", paramLabel = "ADDRESS", defaultValue = "${env:CATALOG_GRPC_ADDRESS:-127.0.0.1}",
            description = "Address to listen on (CATALOG_GRPC_ADDRESS). Any but loopback needs a tokens file and TLS. Default: ${DEFAULT-VALUE}.")
    String address;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:CATALOG_GRPC_PORT:-9090}",
            description = "Port to listen on; 0 picks a free one (CATALOG_GRPC_PORT). Default: ${DEFAULT-VALUE}.")
    String port;

    @Option(names = "--migrate", defaultValue = "${env:CATALOG_MIGRATE:-false}",
            description = "Apply pending migrations before serving instead of refusing to start (CATALOG_MIGRATE); always done on the embedded database.")
    boolean migrate;

    @Option(names = "--tokens-file", paramLabel = "FILE", defaultValue = "${env:CATALOG_TOKENS_FILE}",
            description = "Callers: '<sha256 of token> <principal> <role>' or 'cert:<CN> <principal> <role>' per line (CATALOG_TOKENS_FILE). "
                    + "Reloaded on change and on SIGHUP. Unset: an admin token made under the home folder, for loopback only.")
    Path tokensFile;

    @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:CATALOG_TLS_CERT}",
            description = "Certificate chain to serve TLS with (CATALOG_TLS_CERT); needs --tls-key.")
    File tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:CATALOG_TLS_KEY}",
            description = "Private key of that certificate, PKCS#8 PEM (CATALOG_TLS_KEY); needs --tls-cert.")
    File tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM", defaultValue = "${env:CATALOG_TLS_CLIENT_CA}",
            description = "CA of client certificates: mutual TLS, the caller is the certificate's CN mapped by the tokens file (CATALOG_TLS_CLIENT_CA).")
    File tlsClientCa;

    @Option(names = "--tls-refresh", paramLabel = "DURATION", defaultValue = "${env:CATALOG_TLS_REFRESH:-1m}",
            converter = Converters.DurationConverter.class,
            description = "How often the TLS files are read again; SIGHUP reads them at once (CATALOG_TLS_REFRESH). Default: ${DEFAULT-VALUE}.")
    Duration tlsRefresh;

    @Option(names = "--insecure-plaintext", defaultValue = "${env:CATALOG_INSECURE_PLAINTEXT:-false}",
            description = "Serve plaintext on a non-loopback address, for a mesh that terminates TLS in front (CATALOG_INSECURE_PLAINTEXT).")
    boolean insecurePlaintext;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "${env:CATALOG_DB_POOL_SIZE:-16}",
            description = "Most database connections held open (CATALOG_DB_POOL_SIZE). Default: ${DEFAULT-VALUE}.")
    int poolSize;

    @Option(names = "--pool-timeout", paramLabel = "DURATION", defaultValue = "${env:CATALOG_DB_POOL_TIMEOUT:-5s}",
            converter = Converters.DurationConverter.class,
            description = "How long a call waits for a free connection before UNAVAILABLE (CATALOG_DB_POOL_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration poolTimeout;

    @Option(names = "--max-calls", paramLabel = "N", defaultValue = "${env:CATALOG_MAX_CALLS:-64}",
            description = "Most catalog calls running at once; one more fails at once with UNAVAILABLE and a retry delay "
                    + "(CATALOG_MAX_CALLS). Threads serving calls: this plus 8. Default: ${DEFAULT-VALUE}.")
    int maxCalls;

    @Option(names = "--db-timeout", paramLabel = "DURATION", defaultValue = "${env:CATALOG_DB_TIMEOUT:-5s}",
            converter = Converters.DurationConverter.class,
            description = "How long a statement may wait for the database when the caller set no deadline (with one, the deadline rules); "
                    + "then the call is UNAVAILABLE and the connection dropped (CATALOG_DB_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration dbTimeout;

    @Option(names = "--max-message-size", paramLabel = "SIZE", defaultValue = "${env:CATALOG_MAX_MESSAGE_SIZE:-1MiB}",
            converter = Converters.SizeConverter.class,
            description = "Largest request message; larger is RESOURCE_EXHAUSTED (CATALOG_MAX_MESSAGE_SIZE). Default: ${DEFAULT-VALUE}.")
    int maxMessageSize;

    @Option(names = "--max-metadata-size", paramLabel = "SIZE", defaultValue = "${env:CATALOG_MAX_METADATA_SIZE:-16KiB}",
            converter = Converters.SizeConverter.class,
            description = "Largest request metadata (headers) (CATALOG_MAX_METADATA_SIZE). Default: ${DEFAULT-VALUE}.")
    int maxMetadataSize;

    @Option(names = "--health-period", paramLabel = "DURATION", defaultValue = "${env:CATALOG_HEALTH_PERIOD:-2s}",
            converter = Converters.DurationConverter.class,
            description = "How often health checks the database (CATALOG_HEALTH_PERIOD). Default: ${DEFAULT-VALUE}.")
    Duration healthPeriod;

    @Option(names = "--keepalive-time", paramLabel = "DURATION", defaultValue = "${env:CATALOG_KEEPALIVE_TIME:-2h}",
            converter = Converters.DurationConverter.class,
            description = "Ping a connection idle this long (CATALOG_KEEPALIVE_TIME). Default: ${DEFAULT-VALUE}.")
    Duration keepAliveTime;

    @Option(names = "--keepalive-timeout", paramLabel = "DURATION", defaultValue = "${env:CATALOG_KEEPALIVE_TIMEOUT:-20s}",
            converter = Converters.DurationConverter.class,
            description = "Close a connection whose ping is not answered within this (CATALOG_KEEPALIVE_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration keepAliveTimeout;

    @Option(names = "--permit-keepalive-time", paramLabel = "DURATION", defaultValue = "${env:CATALOG_PERMIT_KEEPALIVE_TIME:-5m}",
            converter = Converters.DurationConverter.class,
            description = "Clients may ping at most this often (CATALOG_PERMIT_KEEPALIVE_TIME). Default: ${DEFAULT-VALUE}.")
    Duration permitKeepAliveTime;

    @Option(names = "--max-connection-age", paramLabel = "DURATION", defaultValue = "${env:CATALOG_MAX_CONNECTION_AGE}",
            converter = Converters.DurationConverter.class,
            description = "Ask clients to reconnect after this, so load spreads over new replicas (CATALOG_MAX_CONNECTION_AGE). Unset: never.")
    Duration maxConnectionAge;

    @Option(names = "--max-connection-age-grace", paramLabel = "DURATION", defaultValue = "${env:CATALOG_MAX_CONNECTION_AGE_GRACE:-30s}",
            converter = Converters.DurationConverter.class,
            description = "Then how long its calls may still finish (CATALOG_MAX_CONNECTION_AGE_GRACE). Default: ${DEFAULT-VALUE}.")
    Duration maxConnectionAgeGrace;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "${env:CATALOG_DRAIN:-0s}",
            converter = Converters.DurationConverter.class,
            description = "On SIGTERM, health says NOT_SERVING this long while calls are still taken, so load balancers move away first (CATALOG_DRAIN). Default: ${DEFAULT-VALUE}.")
    Duration drain;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "${env:CATALOG_GRACE:-10s}",
            converter = Converters.DurationConverter.class,
            description = "Then how long calls in flight may finish (CATALOG_GRACE). Default: ${DEFAULT-VALUE}.")
    Duration grace;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:CATALOG_METRICS_PORT:-9464}",
            description = "Port of the Prometheus endpoint /metrics; 0 picks a free one, off serves none (CATALOG_METRICS_PORT). Default: ${DEFAULT-VALUE}.")
    String metricsPort;

    @Option(names = "--metrics-address", paramLabel = "ADDRESS", defaultValue = "${env:CATALOG_METRICS_ADDRESS:-127.0.0.1}",
            description = "Address of /metrics (CATALOG_METRICS_ADDRESS). Default: ${DEFAULT-VALUE}.")
    String metricsAddress;

    @Option(names = "--otlp-endpoint", paramLabel = "URL", defaultValue = "${env:OTEL_EXPORTER_OTLP_ENDPOINT}",
            description = "Also push metrics by OTLP/HTTP to this collector (OTEL_EXPORTER_OTLP_ENDPOINT), e.g. "
                    + "http://collector:4318.")
    String otlpEndpoint;

    @Option(names = "--otlp-interval", paramLabel = "DURATION", defaultValue = "${env:CATALOG_OTLP_INTERVAL:-60s}",
            converter = Converters.DurationConverter.class,
            description = "How often metrics are pushed by OTLP (CATALOG_OTLP_INTERVAL). Default: ${DEFAULT-VALUE}.")
    Duration otlpInterval;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:CATALOG_LOG_FORMAT:-text}",
            description = "text, or json: one JSON object per line (CATALOG_LOG_FORMAT). Default: ${DEFAULT-VALUE}.")
    Logging.Format logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:CATALOG_LOG_LEVEL:-WARN}",
            description = "Level of the libraries' logs; the catalog's own (calls, start, stop) are INFO (CATALOG_LOG_LEVEL). Default: ${DEFAULT-VALUE}.")
    String logLevel;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Logging.apply(logFormat, logLevel);
        PrintWriter out = spec.commandLine().getOut();
        InetAddress bind = resolve(address, "listen on");
        Optional<CatalogServer.Tls> tls = tls();
        if (!bind.isLoopbackAddress()) {
            if (tokensFile == null) {
                throw MigrationException.usage("refusing to listen on " + bind.getHostAddress()
                        + " without CATALOG_TOKENS_FILE: the generated admin token is for 127.0.0.1 only");
            }
            if (tls.isEmpty() && !insecurePlaintext) {
                throw MigrationException.usage("refusing to serve plaintext on " + bind.getHostAddress()
                        + ": bearer tokens would cross the network in the clear; give --tls-cert and --tls-key "
                        + "(CATALOG_TLS_CERT, CATALOG_TLS_KEY), or --insecure-plaintext where a mesh terminates TLS");
            }
        }
        Telemetry.Settings metrics = metrics();
        int grpcPort = port(port, "--port (CATALOG_GRPC_PORT)");
        Tokens.Loaded tokens = loadTokens();
        DatabaseOptions.Resolved db = database.resolve();
        // After every option is known to be valid: a usage error stays one line.
        database.passwordInArgvWarning(spec.commandLine().getParseResult())
                .ifPresent(warning -> LoggerFactory.getLogger(ServeCommand.class).warn(warning));
        try {
            MigrationEngine engine = change.tuned(new MigrationEngine(db.connector(), ScriptSource.classpath(),
                    System.getProperty("user.name", "catalog"), change.backups(database.home()), Clock.systemUTC()),
                    line -> org.slf4j.LoggerFactory.getLogger(ServeCommand.class).info(line));
            // The embedded database is the newcomer's own: bring it to head. A configured one is migrated on request only.
            ensureAtHead(engine, out, migrate || db.embedded() != null);
            checkModel(engine);
            try (ReloadingTokens callers = ReloadingTokens.watch(tokens.tokensFile())) {
                CatalogServer.Settings settings = CatalogServer.Settings.of(db.connector(), engine, callers, new InetSocketAddress(bind, grpcPort))
                        .withTls(tls)
                        .withTransport(new CatalogServer.Transport(maxMessageSize, maxMetadataSize, keepAliveTime, keepAliveTimeout,
                                permitKeepAliveTime, Optional.ofNullable(maxConnectionAge), maxConnectionAgeGrace))
                        .withTimes(healthPeriod, drain, grace)
                        .withPool(poolSize, poolTimeout)
                        .withStatementTimeout(dbTimeout)
                        .withMaxCalls(maxCalls)
                        .withMetrics(metrics);
                return serve(db, settings, callers, tokens, out);
            }
        } finally {
            db.close();
        }
    }

    private Tokens.Loaded loadTokens() throws IOException {
        try {
            return Tokens.load(tokensFile, database.home());
        } catch (NoSuchFileException e) {
            throw MigrationException.usage("the tokens file " + tokensFile + " does not exist");
        } catch (IllegalArgumentException e) {
            throw MigrationException.usage(e.getMessage());
        }
    }

    private Optional<CatalogServer.Tls> tls() {
        if (tlsCert == null && tlsKey == null) {
            if (tlsClientCa != null) {
                throw MigrationException.usage("--tls-client-ca (CATALOG_TLS_CLIENT_CA) needs --tls-cert and --tls-key: mutual TLS is TLS first");
            }
            return Optional.empty();
        }
        if (tlsKey == null) {
            throw MigrationException.usage("--tls-cert (CATALOG_TLS_CERT) is set but --tls-key (CATALOG_TLS_KEY) is not: give both");
        }
        if (tlsCert == null) {
            throw MigrationException.usage("--tls-key (CATALOG_TLS_KEY) is set but --tls-cert (CATALOG_TLS_CERT) is not: give both");
        }
        return Optional.of(new CatalogServer.Tls(tlsCert, tlsKey, Optional.ofNullable(tlsClientCa), tlsRefresh));
    }

    private Telemetry.Settings metrics() {
        Optional<InetSocketAddress> scrape = Optional.empty();
        if (!"off".equalsIgnoreCase(metricsPort.strip())) {
            scrape = Optional.of(new InetSocketAddress(resolve(metricsAddress, "serve metrics on"),
                    port(metricsPort, "--metrics-port (CATALOG_METRICS_PORT)")));
        }
        Optional<String> otlp = Optional.ofNullable(otlpEndpoint).map(String::strip).filter(s -> !s.isEmpty());
        if (otlp.isPresent() && !otlp.get().matches("https?://.+")) {
            throw MigrationException.usage("--otlp-endpoint (OTEL_EXPORTER_OTLP_ENDPOINT) must be an http:// or https:// URL, not '" + otlp.get() + "'");
        }
        return new Telemetry.Settings(scrape, otlp, otlpInterval);
    }

    private static void ensureAtHead(MigrationEngine engine, PrintWriter out, boolean migrate) {
        CheckResult check = engine.check();
        if (check.ok()) {
            return;
        }
        if (!migrate) {
            throw MigrationException.failure("the database is not ready: " + check.message()
                    + " (or start with `catalog serve --migrate`)");
        }
        engine.upgrade("head", step -> out.println(step.line()));
        CheckResult after = engine.check();
        if (!after.ok()) {
            throw MigrationException.failure("the database is still not ready after migrating: " + after.message());
        }
    }

    /**
     * The live schema against the model: drift that breaks the service (a missing table or column, a narrower type, a
     * missing unique key) stops the start; additive drift (a column or index a DBA added) is only logged. Health does
     * not watch drift: a column added by hand must not take the service down.
     */
    private static void checkModel(MigrationEngine engine) {
        List<furniture.catalog.migrations.schema.Change> drift = engine.withModel(CatalogModel.schema(), CatalogModel.NAME).drift();
        List<furniture.catalog.migrations.schema.Change> breaking = furniture.catalog.migrations.schema.SchemaDiff.breaking(drift);
        if (!breaking.isEmpty()) {
            throw MigrationException.failure("the schema breaks the model: " + breaking.stream()
                    .map(furniture.catalog.migrations.schema.Change::describe).collect(java.util.stream.Collectors.joining("; "))
                    + "; `catalog db diff` shows the statements that would fix it");
        }
        drift.forEach(change -> org.slf4j.LoggerFactory.getLogger(ServeCommand.class)
                .warn("the schema has drifted from the model (additive, serving anyway): {}", change.describe()));
    }

    private int serve(DatabaseOptions.Resolved db, CatalogServer.Settings settings, ReloadingTokens callers, Tokens.Loaded tokens,
            PrintWriter out) throws IOException, InterruptedException {
        CatalogServer server;
        try {
            server = CatalogServer.start(settings);
        } catch (IllegalStateException | IOException e) {
            throw MigrationException.failure(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Logger log = LoggerFactory.getLogger(ServeCommand.class); // not static: picocli builds this class for every command
        Runnable stop = () -> {
            log.info("stopping: health NOT_SERVING; {} ms of drain, then up to {} ms for calls in flight",
                    settings.drain().toMillis(), settings.grace().toMillis());
            server.close();
            log.info("stopped");
            stopped.countDown();
            if (db.embedded() == null || !db.embedded().owner()) {
                Logging.flush();
            }
        };
        if (db.embedded() != null && db.embedded().owner()) {
            // The embedded database stops after the server has drained, not alongside it.
            db.embedded().beforeStop(stop);
            db.embedded().afterStop(Logging::flush);
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "catalog-shutdown"));
        }
        Signals.onHangup(() -> {
            callers.reload("SIGHUP");
            server.reloadTls("SIGHUP");
        });

        InetSocketAddress bind = settings.address();
        String where = bind.getAddress().getHostAddress() + ":" + server.port();
        String transport = settings.tls().isEmpty() ? " (plaintext)" : server.mutualTls() ? " (TLS, client certificates accepted)" : " (TLS)";
        if (server.metricsPort() > 0) {
            out.println("catalog: metrics on http://" + settings.metrics().prometheus().get().getAddress().getHostAddress()
                    + ":" + server.metricsPort() + "/metrics");
        }
        out.println("catalog: serving furniture.catalog.v1 on " + where + transport
                + ", database " + db.connector().where() + (db.embedded() != null ? " (embedded)" : ""));
        if (!bind.getAddress().isLoopbackAddress() && settings.tls().isEmpty()) {
            log.warn("serving plaintext on {} (--insecure-plaintext): TLS must be terminated in front of this server", where);
        }
        if (tokens.generatedTokenFile() != null) {
            Path file = tokens.generatedTokenFile();
            out.println("catalog: " + (tokens.created() ? "created an admin token in " : "admin token in ") + file
                    + "; send it as 'authorization: Bearer <token>', e.g.");
            out.println("  buf curl --protocol grpc --http2-prior-knowledge -H \"authorization: Bearer $(cat " + file + ")\" "
                    + "http://" + where + "/furniture.catalog.v1.ColorService/ListColors");
        }
        out.flush();
        server.awaitTermination();
        stopped.await(settings.drain().plus(settings.grace()).toSeconds() + 30L, TimeUnit.SECONDS);
        return 0;
    }

    private static int port(String value, String what) {
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw MigrationException.usage(what + " must be a port number (0 for any free one), not '" + value + "'");
    }

    private static InetAddress resolve(String host, String what) {
        try {
            return InetAddress.getByName(host == null || host.isBlank() ? "127.0.0.1" : host.strip());
        } catch (UnknownHostException e) {
            throw MigrationException.usage("cannot " + what + " '" + host + "': unknown address");
        }
    }
}
