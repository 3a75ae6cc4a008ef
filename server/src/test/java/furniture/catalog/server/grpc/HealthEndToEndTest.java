package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health follows the database: SERVING while it answers at head, NOT_SERVING once it is gone; calls get UNAVAILABLE. */
@CatalogDatabase
class HealthEndToEndTest {

    @Test
    void healthAndCallsBeforeAndAfterTheDatabaseGoesAway(TestDatabase db, @TempDir Path dir) throws Exception {
        try (TestCatalogServer server = TestCatalogServer.start(db, dir)) {
            assertEquals(ServingStatus.SERVING, health(server, ""));
            assertEquals(ServingStatus.SERVING, health(server, "furniture.catalog.v1.ColorService"));
            Api colors = Api.all().get(0);
            server.call(colors.method("Create"), colors.request("Create", Map.of("color", Map.of("name", "Before"))), TestCatalogServer.EDITOR);

            server.proxy.close();

            Instant until = Instant.now().plusSeconds(30);
            while (health(server, "") != ServingStatus.NOT_SERVING) {
                if (Instant.now().isAfter(until)) {
                    throw new AssertionError("health stayed SERVING with the database gone");
                }
                Thread.onSpinWait();
            }
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> server.call(colors.method("List"),
                    colors.request("List", Map.of()), TestCatalogServer.READER));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
            assertEquals("STORAGE_UNAVAILABLE", Api.reason(e));
        }
    }

    private static ServingStatus health(TestCatalogServer server, String service) {
        return HealthGrpc.newBlockingStub(server.channel).check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }
}
