package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.FieldMask;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import furniture.catalog.server.serve.CatalogServer;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.GetColorRequest;
import furniture.catalog.v1.UpdateColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload is shed, not queued: a server allowed 8 calls in flight gets 3,000 concurrent UpdateColor calls with 5 s
 * deadlines while their row is locked, so the calls that get in stay in flight. Those end DEADLINE_EXCEEDED at their
 * deadline; every other call is refused at once with UNAVAILABLE/OVERLOADED and a retry delay (none waits for its
 * deadline in a queue); the threads serving calls never exceed 8 + 8; and once the lock goes, a call succeeds.
 */
@CatalogDatabase
class OverloadTest {
    private static final int CALLS = 3000;
    private static final int MAX_CALLS = 8;

    @Test
    void aFloodOfCallsBeyondTheLimitIsShedAtOnceWithPreciseStatusesAndBoundedThreads(TestDatabase db, @TempDir Path dir) throws Exception {
        try (TestCatalogServer server = TestCatalogServer.start(db, dir, s -> s.withMaxCalls(MAX_CALLS))) {
            Metadata auth = new Metadata();
            auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestCatalogServer.READER);
            Metadata editor = new Metadata();
            editor.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TestCatalogServer.EDITOR);
            long id = ColorServiceGrpc.newBlockingStub(server.channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(editor))
                    .createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Loaded")).build()).getId();

            AtomicInteger mostThreads = new AtomicInteger();
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (flooding.get()) {
                    int n = (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("catalog-call-")).count();
                    mostThreads.accumulateAndGet(n, Math::max);
                    try {
                        Thread.sleep(20); // a thread dump stops the world: sample, do not spin
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            List<ManagedChannel> channels = new ArrayList<>();
            List<ListenableFuture<Color>> calls = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", server.server.port()).usePlaintext().build());
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            try (Connection blocker = db.connect(); Statement lock = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                lock.executeQuery("SELECT * FROM colors WHERE id_color = " + id + " FOR UPDATE").close();
                for (int i = 0; i < CALLS; i++) {
                    calls.add(ColorServiceGrpc.newFutureStub(channels.get(i % channels.size()))
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(editor))
                            .withDeadlineAfter(5, TimeUnit.SECONDS).updateColor(UpdateColorRequest.newBuilder()
                                    .setColor(Color.newBuilder().setId(id).setName("Flood " + i))
                                    .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build()));
                }
                for (ListenableFuture<Color> call : calls) {
                    outcomes.merge(outcome(call), 1, Integer::sum);
                }
                blocker.rollback();
            }
            flooding.set(false);
            sampler.join();

            assertEquals(CALLS, outcomes.values().stream().mapToInt(Integer::intValue).sum());
            assertTrue(outcomes.keySet().stream().allMatch(o -> o.equals("UNAVAILABLE OVERLOADED retry 100 ms")
                    || o.equals("DEADLINE_EXCEEDED")), "every call ends with a precise status: " + outcomes);
            assertTrue(outcomes.getOrDefault("UNAVAILABLE OVERLOADED retry 100 ms", 0) >= CALLS * 9 / 10,
                    "the calls over the limit were refused at once, not left to time out in a queue: " + outcomes);
            assertTrue(outcomes.getOrDefault("DEADLINE_EXCEEDED", 0) >= MAX_CALLS, "the calls let in waited on the lock: " + outcomes);
            assertTrue(mostThreads.get() <= MAX_CALLS + CatalogServer.EXECUTOR_HEADROOM,
                    "at most " + (MAX_CALLS + CatalogServer.EXECUTOR_HEADROOM) + " threads served calls, saw " + mostThreads.get());
            System.out.println("overload: " + outcomes + ", most threads serving calls " + mostThreads.get());

            // Right after: the calls let in may still be finishing, so the client does what RetryInfo says.
            Color after = null;
            for (int attempt = 0; after == null; attempt++) {
                try {
                    after = ColorServiceGrpc.newBlockingStub(channels.get(0)).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
                            .withDeadlineAfter(5, TimeUnit.SECONDS).getColor(GetColorRequest.newBuilder().setId(id).build());
                } catch (io.grpc.StatusRuntimeException e) {
                    assertEquals("UNAVAILABLE OVERLOADED retry 100 ms", outcome(com.google.common.util.concurrent.Futures.immediateFailedFuture(e)));
                    assertTrue(attempt < 20, "still overloaded two seconds after the flood");
                    Thread.sleep(100);
                }
            }
            assertEquals(id, after.getId(), "a call right after the flood succeeds");
            for (ManagedChannel channel : channels) {
                channel.shutdownNow();
            }
        }
    }

    private static String outcome(ListenableFuture<Color> call) throws InterruptedException {
        try {
            call.get();
            return "OK";
        } catch (ExecutionException e) {
            Status status = Status.fromThrowable(e.getCause());
            if (status.getCode() != Status.Code.UNAVAILABLE) {
                return status.getCode().name();
            }
            com.google.rpc.Status rich = StatusProto.fromThrowable(e.getCause());
            if (rich == null) {
                return "UNAVAILABLE without details: " + status.getDescription();
            }
            String reason = rich.getDetailsList().stream().filter(d -> d.is(ErrorInfo.class)).map(d -> unpack(d, ErrorInfo.class).getReason())
                    .findFirst().orElse("?");
            String retry = rich.getDetailsList().stream().filter(d -> d.is(RetryInfo.class))
                    .map(d -> " retry " + unpack(d, RetryInfo.class).getRetryDelay().getNanos() / 1_000_000 + " ms").findFirst().orElse("");
            return "UNAVAILABLE " + reason + retry;
        }
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

}
