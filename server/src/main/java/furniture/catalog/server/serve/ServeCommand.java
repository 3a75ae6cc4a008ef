package furniture.catalog.server.serve;

import furniture.catalog.migrations.CheckResult;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.MigrationException;
import furniture.catalog.migrations.ScriptSource;
import furniture.catalog.server.cli.DatabaseOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code catalog serve}: the gRPC service, with reflection and health, on the configured or embedded database. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the catalog over gRPC.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: $CATALOG_GRPC_PORT, else 9090; 0 picks a free one).")
    Integer port;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Address to listen on (default: $CATALOG_GRPC_ADDRESS, else 127.0.0.1).")
    String address;

    @Option(names = "--migrate", description = "Apply pending migrations before serving, instead of refusing to start (always done on the embedded database).")
    boolean migrate;

    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "10", description = "How long calls in flight may finish on shutdown (default 10).")
    int graceSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InetAddress bind = bindAddress();
        String tokensFile = System.getenv("CATALOG_TOKENS_FILE");
        if ((tokensFile == null || tokensFile.isBlank()) && !bind.isLoopbackAddress()) {
            throw MigrationException.usage("refusing to listen on " + bind.getHostAddress()
                    + " without CATALOG_TOKENS_FILE: the generated admin token is for 127.0.0.1 only");
        }
        DatabaseOptions.Resolved db = database.resolve();
        try {
            MigrationEngine engine = new MigrationEngine(db.connector(), ScriptSource.classpath(),
                    System.getProperty("user.name", "catalog"), DatabaseOptions.home().resolve("backups"), Clock.systemUTC());
            // The embedded database is the newcomer's own: bring it to head. A configured one is migrated on request only.
            ensureAtHead(engine, out, migrate || db.embedded() != null);
            Tokens.Loaded tokens = Tokens.load(tokensFile, DatabaseOptions.home());
            return serve(db, engine, tokens, bind, out);
        } finally {
            db.close();
        }
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

    private int serve(DatabaseOptions.Resolved db, MigrationEngine engine, Tokens.Loaded tokens, InetAddress bind, PrintWriter out)
            throws IOException, InterruptedException {
        String cert = System.getenv("CATALOG_TLS_CERT");
        String key = System.getenv("CATALOG_TLS_KEY");
        Optional<CatalogServer.Tls> tls = Optional.empty();
        if (cert != null && !cert.isBlank()) {
            if (key == null || key.isBlank()) {
                throw MigrationException.usage("CATALOG_TLS_CERT is set but CATALOG_TLS_KEY is not");
            }
            tls = Optional.of(new CatalogServer.Tls(new File(cert), new File(key)));
        }
        CatalogServer server = CatalogServer.start(new CatalogServer.Settings(db.connector(), engine, tokens.store(),
                new InetSocketAddress(bind, port()), tls, Duration.ofSeconds(graceSeconds), Duration.ofSeconds(2), 16));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(ServeCommand.class).info("stopping: no new calls; up to {} s for calls in flight", graceSeconds);
            server.close();
            LoggerFactory.getLogger(ServeCommand.class).info("stopped");
            stopped.countDown();
        }, "catalog-shutdown"));

        String where = bind.getHostAddress() + ":" + server.port();
        out.println("catalog: serving furniture.catalog.v1 on " + where + (tls.isPresent() ? " (TLS)" : " (plaintext)")
                + ", database " + db.connector().where() + (db.embedded() != null ? " (embedded)" : ""));
        if (tokens.generatedTokenFile() != null) {
            Path file = tokens.generatedTokenFile();
            out.println("catalog: " + (tokens.created() ? "created an admin token in " : "admin token in ") + file
                    + "; send it as 'authorization: Bearer <token>', e.g.");
            out.println("  buf curl --protocol grpc --http2-prior-knowledge -H \"authorization: Bearer $(cat " + file + ")\" "
                    + "http://" + where + "/furniture.catalog.v1.ColorService/ListColors");
        }
        out.flush();
        server.awaitTermination();
        stopped.await(graceSeconds + 30L, TimeUnit.SECONDS);
        return 0;
    }

    private int port() {
        if (port != null) {
            return port;
        }
        String env = System.getenv("CATALOG_GRPC_PORT");
        if (env == null || env.isBlank()) {
            return 9090;
        }
        try {
            return Integer.parseInt(env.trim());
        } catch (NumberFormatException e) {
            throw MigrationException.usage("CATALOG_GRPC_PORT must be a port number, not '" + env + "'");
        }
    }

    private InetAddress bindAddress() {
        String a = address != null ? address : System.getenv("CATALOG_GRPC_ADDRESS");
        try {
            return InetAddress.getByName(a == null || a.isBlank() ? "127.0.0.1" : a.trim());
        } catch (UnknownHostException e) {
            throw MigrationException.usage("cannot listen on '" + a + "': unknown address");
        }
    }
}
