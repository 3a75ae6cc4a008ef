package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that stops answering — connections stay open, every packet is dropped — turns health NOT_SERVING and
 * calls UNAVAILABLE within 10 s instead of hanging them; when it answers again, both recover by themselves.
 */
@CatalogDatabase
class SilentDatabaseTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS) // without the timeouts under test, a call would hang for ever
    void healthAndCallsGiveUpOnASilentDatabaseAndRecoverWhenItAnswers(TestDatabase db, @TempDir Path dir) throws Exception {
        try (TestCatalogServer server = TestCatalogServer.start(db, dir, s -> s.withStatementTimeout(Duration.ofSeconds(5)))) {
            Api colors = Api.all().get(0);
            server.call(colors.method("Create"), colors.request("Create", Map.of("color", Map.of("name", "Before"))), TestCatalogServer.EDITOR);
            assertEquals(ServingStatus.SERVING, health(server));

            server.proxy.silence();
            long silenced = System.nanoTime();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> server.call(colors.method("List"),
                    colors.request("List", Map.of()), TestCatalogServer.READER, null));
            long callSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - silenced);
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
            assertEquals("STORAGE_UNAVAILABLE", Api.reason(e));
            assertTrue(callSeconds < 10, "a call without a deadline gave up after " + callSeconds + " s");
            while (health(server) != ServingStatus.NOT_SERVING) {
                assertTrue(System.nanoTime() - silenced < TimeUnit.SECONDS.toNanos(10), "health still SERVING 10 s into the silence");
                Thread.sleep(50);
            }

            server.proxy.resume();
            long resumed = System.nanoTime();
            while (health(server) != ServingStatus.SERVING) {
                assertTrue(System.nanoTime() - resumed < TimeUnit.SECONDS.toNanos(30), "health did not come back");
                Thread.sleep(50);
            }
            while (true) {
                try {
                    server.call(colors.method("List"), colors.request("List", Map.of()), TestCatalogServer.READER);
                    break;
                } catch (StatusRuntimeException stillBroken) {
                    assertEquals(Status.Code.UNAVAILABLE, stillBroken.getStatus().getCode());
                    assertTrue(System.nanoTime() - resumed < TimeUnit.SECONDS.toNanos(30), "calls did not come back");
                }
            }
        }
    }

    private static ServingStatus health(TestCatalogServer server) {
        return HealthGrpc.newBlockingStub(server.channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }
}
