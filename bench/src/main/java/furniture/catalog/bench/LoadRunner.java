package furniture.catalog.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop load generator: {@code concurrency} workers each call, wait for the answer, and call again. The warm-up
 * runs first and is not measured; then every call's latency is recorded for the measured window.
 */
final class LoadRunner {

    /** One operation; {@code worker} and {@code seq} let it vary its arguments. */
    interface Op {
        void call(int worker, long seq) throws Exception;
    }

    /** What one run measured; {@code cpuSeconds} is what each watched process spent in the measured window. */
    record Result(String name, int concurrency, long ops, double opsPerSec, double p50Ms, double p99Ms, long errors, String firstError,
            java.util.Map<String, Double> cpuSeconds) {

        /** Milliseconds of {@code process}'s CPU per operation in the measured window; NaN when it was not watched. */
        double cpuMsPerOp(String process) {
            Double seconds = cpuSeconds.get(process);
            return seconds == null || ops == 0 ? Double.NaN : seconds * 1000 / ops;
        }
    }

    private LoadRunner() {}

    static Result run(String name, int concurrency, Duration warmup, Duration measure, Op op) throws InterruptedException {
        return run(name, concurrency, warmup, measure, op, null);
    }

    /** As above, with each watched process's CPU in the measured window taken from {@code cpu} (none when null). */
    static Result run(String name, int concurrency, Duration warmup, Duration measure, Op op, CpuMeter cpu) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        long[] errors = new long[concurrency];
        String[] firstError = new String[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            latencies[w] = new long[1 << 16];
            Thread t = new Thread(() -> {
                long seq = 0;
                while (!stop.get()) {
                    boolean recording = measuring.get();
                    long start = System.nanoTime();
                    try {
                        op.call(worker, seq++);
                    } catch (Exception e) {
                        if (recording) {
                            errors[worker]++;
                            if (firstError[worker] == null) {
                                firstError[worker] = e.toString();
                            }
                        }
                        continue;
                    }
                    if (recording && measuring.get()) {
                        if (counts[worker] == latencies[worker].length) {
                            latencies[worker] = Arrays.copyOf(latencies[worker], counts[worker] * 2);
                        }
                        latencies[worker][counts[worker]++] = System.nanoTime() - start;
                    }
                }
                done.countDown();
            }, "load-" + name + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep(warmup.toMillis());
        java.util.Map<String, Double> cpuBefore = cpu == null ? java.util.Map.of() : cpu.snapshot();
        long begin = System.nanoTime();
        measuring.set(true);
        Thread.sleep(measure.toMillis());
        measuring.set(false);
        long elapsed = System.nanoTime() - begin;
        java.util.Map<String, Double> cpuSpent = cpu == null ? java.util.Map.of() : CpuMeter.between(cpuBefore, cpu.snapshot());
        stop.set(true);
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < concurrency; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        String error = Arrays.stream(firstError).filter(e -> e != null).findFirst().orElse(null);
        // The window's ops are those that finished inside it; the CPU is the window's too (a call straddling an edge
        // is counted on neither side, which over seconds of calls is noise).
        return new Result(name, concurrency, total, total / (elapsed / 1e9), percentile(all, 0.50), percentile(all, 0.99),
                Arrays.stream(errors).sum(), error, cpuSpent);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
