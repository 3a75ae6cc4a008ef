package furniture.catalog.bench;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;

/**
 * The floor for start-up: a bare grpc-java server with only the health service, started with the JVM flags
 * {@code catalog serve} gets. The benchmark times its launch to its first health answer, and reports catalog's ready
 * time as a multiple of it ({@code ready_vs_bare}). {@code --train} starts, then exits (to record its class-data archive,
 * as the launcher does for {@code serve}).
 */
public final class BareHealthServer {
    private BareHealthServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", ServingStatus.SERVING);
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(health.getHealthService())
                .build().start();
        if (args.length > 1 && args[1].equals("--train")) {
            server.shutdownNow().awaitTermination();
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        server.awaitTermination();
    }
}
