package furniture.catalog.bench;

import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.GetColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * A burst far above capacity: {@code streams} clients, each with one GetColor in flight under a deadline, calling again
 * the moment it has an answer (an OK, a refusal or a timeout alike), for the warm-up and then the measured window. What
 * matters is the split of the answers: OK (goodput), refused at once (UNAVAILABLE: the client may go elsewhere),
 * timed out (DEADLINE_EXCEEDED: the client waited its whole deadline for nothing).
 */
final class OverloadRunner {

    record Result(double okPerSec, double refusedPerSec, double timedOutPerSec, double otherPerSec, double p50OkMs) {}

    private OverloadRunner() {}

    static Result run(List<ManagedChannel> channels, Metadata auth, int streams, Duration deadline, Duration warmup, Duration measure,
            Supplier<GetColorRequest> request) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLongArray okLatencyBuckets = new AtomicLongArray(2001); // 0.1 ms buckets up to 200 ms
        AtomicLong inFlight = new AtomicLong();
        ColorServiceGrpc.ColorServiceStub[] stubs = channels.stream().map(ch -> ColorServiceGrpc.newStub(ch)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))).toArray(ColorServiceGrpc.ColorServiceStub[]::new);
        for (int s = 0; s < streams; s++) {
            ColorServiceGrpc.ColorServiceStub stub = stubs[s % stubs.length];
            new Runnable() {
                @Override
                public void run() {
                    if (stop.get()) {
                        return;
                    }
                    inFlight.incrementAndGet();
                    long start = System.nanoTime();
                    Runnable again = this;
                    stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).getColor(request.get(), new StreamObserver<Color>() {
                        @Override
                        public void onNext(Color value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            finish(Status.fromThrowable(t).getCode());
                        }

                        @Override
                        public void onCompleted() {
                            finish(Status.Code.OK);
                        }

                        private void finish(Status.Code code) {
                            inFlight.decrementAndGet();
                            if (measuring.get()) {
                                switch (code) {
                                    case OK -> {
                                        ok.incrementAndGet();
                                        okLatencyBuckets.incrementAndGet((int) Math.min(2000, (System.nanoTime() - start) / 100_000));
                                    }
                                    case UNAVAILABLE, RESOURCE_EXHAUSTED -> refused.incrementAndGet();
                                    case DEADLINE_EXCEEDED -> timedOut.incrementAndGet();
                                    default -> other.incrementAndGet();
                                }
                            }
                            again.run();
                        }
                    });
                }
            }.run();
        }
        Thread.sleep(warmup.toMillis());
        long begin = System.nanoTime();
        measuring.set(true);
        Thread.sleep(measure.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - begin) / 1e9;
        stop.set(true);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        long[] buckets = new long[okLatencyBuckets.length()];
        Arrays.setAll(buckets, okLatencyBuckets::get);
        return new Result(ok.get() / seconds, refused.get() / seconds, timedOut.get() / seconds, other.get() / seconds, median(buckets));
    }

    private static double median(long[] buckets) {
        long total = Arrays.stream(buckets).sum();
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen * 2 >= total && total > 0) {
                return i / 10.0;
            }
        }
        return Double.NaN;
    }
}
