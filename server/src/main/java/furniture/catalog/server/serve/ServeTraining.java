package furniture.catalog.server.serve;

import furniture.catalog.grpc.TokenSource;
import furniture.catalog.grpc.TokenStore;
import furniture.catalog.server.metrics.Telemetry;
import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.ScriptSource;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@code ./catalog} once per build under {@code -XX:ArchiveClassesAtExit}: starts the whole server (Guice,
 * Netty, reflection, health, the five services) against a closed port, answers one call and stops, so that the
 * class-data-sharing archive of {@code catalog serve} holds what start-up loads. Needs no database.
 */
public final class ServeTraining {
    private ServeTraining() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("catalog-cds");
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, TokenStore.hash("training") + " training reader\n");
        DatabaseConnector closed = new DatabaseConnector("jdbc:mysql://127.0.0.1:9/training?connectTimeout=500", "training", "");
        MigrationEngine engine = new MigrationEngine(closed, ScriptSource.classpath(), "training", dir, Clock.systemUTC());
        try (CatalogServer server = CatalogServer.start(CatalogServer.Settings.of(closed, engine, TokenSource.fixed(TokenStore.load(tokens)),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withTimes(Duration.ofMinutes(1), Duration.ZERO, Duration.ofSeconds(1))
                .withPool(1, Duration.ofSeconds(1))
                .withMetrics(new Telemetry.Settings(Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                        Optional.empty(), Duration.ofMinutes(1))))) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(tokens);
        Files.deleteIfExists(dir);
        System.exit(0);
    }
}
