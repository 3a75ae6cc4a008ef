package furniture.catalog.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import furniture.catalog.grpc.TokenStore;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.ListColorsRequest;
import furniture.catalog.v1.UpdateColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotating tokens without a restart: on SIGHUP, when the file changes, never with a bad file, never cutting a call. */
@CatalogDatabase
class TokenReloadTest {

    @Test
    void tokensReloadOnSighupAndOnChangeKeepingCallsInFlightAndRefusingABadFile(TestDatabase db, @TempDir Path dir) throws Exception {
        db.recreate();
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        write(secrets.resolve("v1"), TokenStore.hash("token-a") + " ana editor\n");
        Path tokens = conf.resolve("tokens");
        Files.createSymbolicLink(tokens, secrets.resolve("v1"));
        Map<String, String> env = Map.of("CATALOG_DB_URL", db.url(), "CATALOG_DB_USER", db.user(), "CATALOG_DB_PASSWORD", db.password(),
                "CATALOG_TOKENS_FILE", tokens.toString(), "CATALOG_HOME", dir.toString(), "CATALOG_METRICS_PORT", "off");
        try (ServeProcess serve = ServeProcess.start(env, dir, "--migrate", "--port=0", "--grace=30s")) {
            ManagedChannel channel = serve.channel();
            long id = colors(channel, "token-a").createColor(CreateColorRequest.newBuilder()
                    .setColor(Color.newBuilder().setName("Teak")).build()).getId();

            CompletableFuture<Color> inFlight;
            try (Connection blocker = db.connect(); Statement s = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                s.executeQuery("SELECT * FROM colors WHERE id_color = " + id + " FOR UPDATE").close();
                inFlight = CompletableFuture.supplyAsync(() -> colors(channel, "token-a").withDeadlineAfter(60, TimeUnit.SECONDS)
                        .updateColor(UpdateColorRequest.newBuilder().setColor(Color.newBuilder().setId(id).setName("Teak oil"))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build()));
                ServeProcess.waitFor(() -> db.queryLong("SELECT COUNT(*) FROM information_schema.processlist WHERE db = '" + db.name()
                        + "' AND info LIKE '%FOR UPDATE%' AND info NOT LIKE '%processlist%'") > 0, "the update to reach the database");

                // The file behind the symlink changes where the watcher does not look: SIGHUP makes it count.
                write(secrets.resolve("v1"), TokenStore.hash("token-b") + " bea editor\n");
                serve.signal("HUP");
                ServeProcess.waitFor(() -> refused(channel, "token-a") && !refused(channel, "token-b"), "token-b to replace token-a after SIGHUP");
                assertFalse(inFlight.isDone(), "the update is still waiting for its lock");
                blocker.rollback();
            }
            assertEquals("Teak oil", inFlight.get(30, TimeUnit.SECONDS).getName(), "the call that started with token-a finished");

            // A bad file (the same token twice) is refused; the callers loaded before stay.
            write(secrets.resolve("v1"), TokenStore.hash("token-c") + " cy editor\n" + TokenStore.hash("token-c") + " cy2 admin\n");
            serve.signal("HUP");
            ServeProcess.waitFor(() -> serve.logLines().stream().anyMatch(l -> l.contains("the new file is refused (SIGHUP)")), "the refusal in the log");
            assertFalse(refused(channel, "token-b"), "token-b still works");
            assertTrue(refused(channel, "token-c"), "token-c from the bad file does not");
            assertTrue(serve.logLines().stream().anyMatch(l -> l.contains("line 2: the same token hash is already on line 1")),
                    String.join("\n", serve.logLines()));

            // A new secret swapped in by renaming a symlink over the old one (as Kubernetes does) is seen without a signal.
            write(secrets.resolve("v2"), TokenStore.hash("token-d") + " dee reader\n");
            Path next = conf.resolve(".tokens-next");
            Files.createSymbolicLink(next, secrets.resolve("v2"));
            Files.move(next, tokens, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ServeProcess.waitFor(() -> !refused(channel, "token-d") && refused(channel, "token-b"), "token-d after the file changed");
            assertTrue(serve.logLines().stream().anyMatch(l -> l.contains("reloaded 1 callers from " + tokens + " (changed on disk)")));
            channel.shutdownNow();
        }
    }

    private static ColorServiceGrpc.ColorServiceBlockingStub colors(ManagedChannel channel, String token) {
        return ColorServiceGrpc.newBlockingStub(channel).withInterceptors(ServeProcess.withToken(token));
    }

    private static boolean refused(ManagedChannel channel, String token) {
        try {
            colors(channel, token).withDeadlineAfter(10, TimeUnit.SECONDS).listColors(ListColorsRequest.newBuilder().setPageSize(1).build());
            return false;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNAUTHENTICATED) {
                throw e;
            }
            return true;
        }
    }

    /** Writes a file whole: a new file renamed over the old one. */
    static void write(Path file, String text) throws Exception {
        Path tmp = Files.createTempFile(file.getParent(), ".tmp", "");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
