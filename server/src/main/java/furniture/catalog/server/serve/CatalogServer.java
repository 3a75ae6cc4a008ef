package furniture.catalog.server.serve;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import furniture.catalog.grpc.CallLog;
import furniture.catalog.grpc.TokenStore;
import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.persistence.Persistence;
import furniture.catalog.persistence.PersistenceSettings;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The running gRPC server: the catalog services (authenticated), reflection and health, over Netty. */
public final class CatalogServer implements AutoCloseable {
    public static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    static final int MAX_METADATA_BYTES = 16 * 1024;

    /** A certificate chain and its private key, both PEM. */
    public record Tls(File certChain, File privateKey) {}

    /** Everything the server needs to start. */
    public record Settings(DatabaseConnector database, MigrationEngine engine, TokenStore tokens, InetSocketAddress address,
            Optional<Tls> tls, Duration grace, Duration healthPeriod, int poolSize) {}

    private final Server server;
    private final HealthChecker health;
    private final Persistence persistence;
    private final Duration grace;

    private CatalogServer(Server server, HealthChecker health, Persistence persistence, Duration grace) {
        this.server = server;
        this.health = health;
        this.persistence = persistence;
        this.grace = grace;
    }

    public static CatalogServer start(Settings settings) throws IOException {
        DatabaseConnector db = settings.database();
        Injector injector = Guice.createInjector(new ServerModule(
                new PersistenceSettings(db.url(), db.user(), db.password(), settings.poolSize(), Duration.ofSeconds(5)), settings.tokens()));
        List<ServerServiceDefinition> services = injector.getInstance(Key.get(new TypeLiteral<List<ServerServiceDefinition>>() {}));
        HealthStatusManager healthStatus = new HealthStatusManager();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(settings.address())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .maxInboundMetadataSize(MAX_METADATA_BYTES)
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(healthStatus.getHealthService())
                .intercept(new CallLog());
        services.forEach(builder::addService);
        settings.tls().ifPresent(tls -> builder.useTransportSecurity(tls.certChain(), tls.privateKey()));
        HealthChecker health = new HealthChecker(healthStatus, settings.engine(),
                services.stream().map(s -> s.getServiceDescriptor().getName()).toList());
        health.start(settings.healthPeriod().toMillis());
        Server server = builder.build().start();
        return new CatalogServer(server, health, injector.getInstance(Persistence.class), settings.grace());
    }

    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops taking calls, lets those in flight finish (bounded by the grace period), then closes the pool. */
    @Override
    public void close() {
        health.close();
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        persistence.close();
    }
}
