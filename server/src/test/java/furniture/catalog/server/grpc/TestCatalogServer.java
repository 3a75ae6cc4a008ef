package furniture.catalog.server.grpc;

import furniture.catalog.grpc.TokenSource;
import furniture.catalog.grpc.TokenStore;
import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.ScriptSource;
import furniture.catalog.server.serve.CatalogServer;
import furniture.catalog.testkit.TestDatabase;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real server on a free port (Netty), on a migrated test database reached through a proxy, with known tokens. */
final class TestCatalogServer implements AutoCloseable {
    static final String READER = "reader-token-1";
    static final String EDITOR = "editor-token-2";
    static final String ADMIN = "admin-token-3";

    final TcpProxy proxy;
    final CatalogServer server;
    final ManagedChannel channel;
    private final CatalogServer.Settings settings;

    private TestCatalogServer(TcpProxy proxy, CatalogServer server, CatalogServer.Settings settings) {
        this.proxy = proxy;
        this.server = server;
        this.settings = settings;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .maxInboundMessageSize(8 * 1024 * 1024).build();
    }

    static TestCatalogServer start(TestDatabase db, Path dir) throws Exception {
        return start(db, dir, Optional.empty());
    }

    /** With {@code tls}, the server speaks TLS only; {@link #channel} is then of no use and the test makes its own. */
    static TestCatalogServer start(TestDatabase db, Path dir, Optional<CatalogServer.Tls> tls) throws Exception {
        return start(db, dir, settings -> settings.withTls(tls));
    }

    /** With the default test settings changed by {@code customize}. */
    static TestCatalogServer start(TestDatabase db, Path dir, UnaryOperator<CatalogServer.Settings> customize) throws Exception {
        db.recreate();
        Matcher m = Pattern.compile("jdbc:mysql://([^:/]+):(\\d+)/").matcher(db.serverUrl());
        if (!m.find()) {
            throw new IllegalStateException("unexpected server URL " + db.serverUrl());
        }
        TcpProxy proxy = new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
        String url = "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + db.name()
                + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&connectTimeout=2000";
        DatabaseConnector connector = new DatabaseConnector(url, db.user(), db.password());
        MigrationEngine engine = new MigrationEngine(connector, ScriptSource.classpath(), "test", dir, Clock.systemUTC());
        engine.upgrade("head", step -> { });
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# test callers\n"
                + TokenStore.hash(READER) + " rita reader\n"
                + TokenStore.hash(EDITOR) + " ed editor\n"
                + TokenStore.hash(ADMIN) + " ada admin\n"
                + "cert:inventory-svc inventory editor\n");
        CatalogServer.Settings settings = CatalogServer.Settings.of(connector, engine, TokenSource.fixed(TokenStore.load(tokens)),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withTimes(Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(5))
                .withPool(4, Duration.ofSeconds(5))
                .with(customize);
        return new TestCatalogServer(proxy, CatalogServer.start(settings), settings);
    }

    /** A second replica: another server process's worth (its own port, pool and caches) on the same database. */
    TestCatalogServer replica() throws Exception {
        return new TestCatalogServer(null, CatalogServer.start(settings), settings);
    }

    /** One unary call with {@code token} (null: none) and an optional deadline. */
    <Q, R> R call(MethodDescriptor<Q, R> method, Q request, String token, Duration deadline) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        CallOptions options = CallOptions.DEFAULT;
        if (deadline != null) {
            options = options.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
        return ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                method, options, request);
    }

    <Q, R> R call(MethodDescriptor<Q, R> method, Q request, String token) {
        return call(method, request, token, Duration.ofSeconds(30));
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        if (proxy != null) {
            proxy.close();
        }
    }
}
