package furniture.catalog.server.ops;

import furniture.catalog.server.cli.Cli;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code catalog serve} as its own process, the way an operator runs it: started with environment variables and
 * options, read from its "serving" lines, signalled, and its stderr (the log) kept in a file for the test to read.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving furniture.catalog.v1 on [^:]+:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics");

    public final Process process;
    public final int port;
    public final int metricsPort;
    public final List<String> out;
    private final Path log;

    private ServeProcess(Process process, int port, int metricsPort, List<String> out, Path log) {
        this.process = process;
        this.port = port;
        this.metricsPort = metricsPort;
        this.out = out;
        this.log = log;
    }

    /** Starts {@code catalog serve ARGS} in {@code dir} and waits for its "serving" line (failing with its output if it dies). */
    public static ServeProcess start(Map<String, String> env, Path dir, String... args) throws IOException {
        Path log = Files.createTempFile(dir, "serve", ".log");
        List<String> command = new ArrayList<>(List.of("serve"));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(env);
        Process process = Cli.start(environment, dir, log, command.toArray(String[]::new));
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        int port = -1;
        int metricsPort = -1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            out.add(line);
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            Matcher metrics = METRICS.matcher(line);
            if (metrics.find()) {
                metricsPort = Integer.parseInt(metrics.group(1));
            }
            if (port > 0) {
                break; // the metrics line, when there is one, comes before
            }
        }
        if (port < 0) {
            throw new AssertionError("catalog serve did not start:\n" + String.join("\n", out) + "\n" + Files.readString(log));
        }
        return new ServeProcess(process, port, metricsPort, out, log);
    }

    /** A plaintext channel to the server. */
    public ManagedChannel channel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** Metadata carrying a bearer token. */
    public static Metadata bearer(String token) {
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return auth;
    }

    public static io.grpc.ClientInterceptor withToken(String token) {
        return MetadataUtils.newAttachHeadersInterceptor(bearer(token));
    }

    /** Whether the server refuses a health check on {@code channel} (it has stopped taking calls). */
    public static boolean refusesNewCalls(ManagedChannel channel) {
        try {
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
            return false;
        } catch (StatusRuntimeException e) {
            return true;
        }
    }

    /** Something a test waits for. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} until it holds, for at most 30 s. */
    public static void waitFor(Condition condition, String what) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.holds()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Sends a signal (TERM, HUP) to the process. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }

    /** The log so far (the process's stderr). */
    public List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** Waits for the process to end; returns its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("catalog serve did not stop within 60 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }
}
