package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import furniture.catalog.grpc.TokenStore;
import furniture.catalog.server.cli.Cli;
import furniture.catalog.server.ops.ServeProcess;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.UpdateColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to `catalog serve`: no new calls, the call in flight still finishes, then the process ends. */
@CatalogDatabase
class GracefulShutdownTest {

    @Test
    void sigtermLetsTheCallInFlightFinishAndRefusesNewOnes(TestDatabase db, @TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, TokenStore.hash("t") + " ed editor\n");
        Map<String, String> env = new HashMap<>(Map.of("CATALOG_DB_URL", db.url(), "CATALOG_DB_USER", db.user(),
                "CATALOG_DB_PASSWORD", db.password(), "CATALOG_TOKENS_FILE", tokens.toString(), "CATALOG_HOME", dir.toString()));
        Process process = Cli.start(env, dir, "serve", "--migrate", "--port", "0", "--grace", "20");
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        Pattern serving = Pattern.compile("serving furniture.catalog.v1 on 127.0.0.1:(\\d+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = serving.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                break;
            }
        }
        assertTrue(port > 0, "the server said where it listens");
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer t");
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        ColorServiceGrpc.ColorServiceBlockingStub colors = ColorServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        long id = colors.createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Slow")).build()).getId();

        CompletableFuture<Color> inFlight;
        try (Connection blocker = db.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.executeQuery("SELECT * FROM colors WHERE id_color = " + id + " FOR UPDATE").close();
            inFlight = CompletableFuture.supplyAsync(() -> colors.withDeadlineAfter(60, TimeUnit.SECONDS).updateColor(
                    UpdateColorRequest.newBuilder().setColor(Color.newBuilder().setId(id).setName("Finished"))
                            .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build()));
            ServeProcess.waitFor(() -> db.queryLong("SELECT COUNT(*) FROM information_schema.processlist WHERE db = '" + db.name()
                    + "' AND info LIKE '%FOR UPDATE%' AND info NOT LIKE '%processlist%'") > 0, "the update to reach the database");

            process.destroy(); // SIGTERM

            ManagedChannel fresh = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            ServeProcess.waitFor(() -> ServeProcess.refusesNewCalls(fresh), "the server to refuse new calls");
            fresh.shutdownNow();
            assertFalse(inFlight.isDone(), "the call in flight is still waiting for the lock");
            blocker.rollback();
        }
        assertEquals("Finished", inFlight.get(30, TimeUnit.SECONDS).getName(), "the call in flight finished");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ended");
        channel.shutdownNow();
        assertEquals(2, db.queryLong("SELECT row_version FROM colors WHERE id_color = " + id));
    }
}
