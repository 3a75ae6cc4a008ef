package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.ListColorsRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On shutdown, health turns NOT_SERVING for the drain period while calls are still served, so balancers move away first. */
@CatalogDatabase
class DrainTest {

    @Test
    void healthSaysNotServingWhileCallsAreStillTakenThenTheServerStops(TestDatabase db, @TempDir Path dir) throws Exception {
        TestCatalogServer test = TestCatalogServer.start(db, dir, s -> s.withTimes(Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(5)));
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(test.channel);
        assertEquals(ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());

        long started = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(test.server::close);
        while (health.withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus() == ServingStatus.SERVING) {
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "health did not turn NOT_SERVING at once");
        }
        assertEquals(ServingStatus.NOT_SERVING, health.check(HealthCheckRequest.newBuilder()
                .setService("furniture.catalog.v1.ColorService").build()).getStatus(), "every service reports NOT_SERVING");
        ColorServiceGrpc.newBlockingStub(test.channel).withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(bearer()))
                .listColors(ListColorsRequest.newBuilder().setPageSize(1).build());
        assertFalse(closing.isDone(), "still draining after a call was served");

        closing.get(30, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(3), "the listener stayed open for the drain period");
        assertThrows(StatusRuntimeException.class, () -> health.withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()));
        test.close();
    }

    private static io.grpc.Metadata bearer() {
        io.grpc.Metadata auth = new io.grpc.Metadata();
        auth.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestCatalogServer.READER);
        return auth;
    }
}
