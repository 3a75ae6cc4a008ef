package furniture.catalog.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.rpc.ErrorInfo;
import com.sun.net.httpserver.HttpServer;
import furniture.catalog.grpc.TokenStore;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.GetColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a running `catalog serve`: the Prometheus scrape after a few calls, OTLP pushes to a
 * collector, and a JSON log whose every line parses, with the call log's key/values.
 */
@CatalogDatabase
class ObservabilityEndToEndTest {

    @Test
    void metricsAreScrapedAndPushedAndEveryLogLineIsJson(TestDatabase db, @TempDir Path dir) throws Exception {
        db.recreate();
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, TokenStore.hash("ed-token") + " ed editor\n");
        CompletableFuture<String> otlpPush = new CompletableFuture<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/metrics", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            otlpPush.complete(exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Map<String, String> env = new HashMap<>(Map.of("CATALOG_DB_URL", db.url(), "CATALOG_DB_USER", db.user(),
                "CATALOG_DB_PASSWORD", db.password(), "CATALOG_TOKENS_FILE", tokens.toString(), "CATALOG_HOME", dir.toString(),
                "CATALOG_LOG_FORMAT", "json", "CATALOG_METRICS_PORT", "0", "CATALOG_DB_POOL_SIZE", "3",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "CATALOG_OTLP_INTERVAL", "300ms"));
        try (ServeProcess serve = ServeProcess.start(env, dir, "--migrate", "--port=0")) {
            assertTrue(serve.metricsPort > 0, "the server said where /metrics is: " + serve.out);
            ManagedChannel channel = serve.channel();
            ColorServiceGrpc.ColorServiceBlockingStub colors = ColorServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(ServeProcess.withToken("ed-token"));
            long id = colors.createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Oak")).build()).getId();
            colors.getColor(GetColorRequest.newBuilder().setId(id).build());
            colors.getColor(GetColorRequest.newBuilder().setId(id).build());
            StatusRuntimeException anonymous = assertThrows(StatusRuntimeException.class, () -> ColorServiceGrpc.newBlockingStub(channel)
                    .getColor(GetColorRequest.newBuilder().setId(id).build()));
            assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getStatus().getCode());
            db.execute("INSERT INTO colors (name, active) VALUES ('tab\there', 1)");
            long broken = db.queryLong("SELECT id_color FROM colors WHERE name LIKE 'tab%'");
            StatusRuntimeException internal = assertThrows(StatusRuntimeException.class,
                    () -> colors.getColor(GetColorRequest.newBuilder().setId(broken).build()));
            String errorId = StatusProto.fromThrowable(internal).getDetailsList().stream()
                    .filter(d -> d.is(ErrorInfo.class)).map(d -> unpack(d)).findFirst().orElseThrow().getMetadataOrThrow("error_id");
            channel.shutdownNow();

            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + serve.metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(2, sample(scrape, "grpc_server_call_duration_seconds_count",
                    "grpc_method=\"furniture.catalog.v1.ColorService/GetColor\",grpc_status=\"OK\""), scrape);
            assertEquals(1, sample(scrape, "grpc_server_call_duration_seconds_count",
                    "grpc_method=\"furniture.catalog.v1.ColorService/GetColor\",grpc_status=\"UNAUTHENTICATED\""));
            assertEquals(1, sample(scrape, "grpc_server_call_started_total",
                    "grpc_method=\"furniture.catalog.v1.ColorService/CreateColor\""));
            assertEquals(6, sample(scrape, "catalog_schema_version", ""), "the schema version gauge");
            assertEquals(0, sample(scrape, "catalog_schema_pending", ""), "no migration pending");
            assertEquals(3, sample(scrape, "db_client_connections_max", "pool_name=\"catalog\""), "the pool size from CATALOG_DB_POOL_SIZE");
            assertTrue(total(scrape, "jvm_memory_used_bytes", "jvm_memory_type=\"heap\"") > 0, "JVM heap in use");
            assertTrue(sample(scrape, "jvm_thread_count", "") > 0, "JVM threads");
            assertTrue(scrape.contains("jvm_gc_duration_seconds"), "GC metrics");

            String push = otlpPush.get(30, TimeUnit.SECONDS);
            assertTrue(push.startsWith("application/x-protobuf "), push);
            assertTrue(Integer.parseInt(push.substring(push.indexOf(' ') + 1)) > 100, "the push carries metrics: " + push);

            serve.signal("TERM");
            assertEquals(143, serve.awaitExit(), "ended by SIGTERM, as a JVM reports it (128 + 15)");
            List<String> log = serve.logLines();
            assertFalse(log.isEmpty());
            JsonObject getLine = null;
            JsonObject internalLine = null;
            for (String line : log) {
                JsonObject json = JsonParser.parseString(line).getAsJsonObject(); // every line is one JSON object
                assertTrue(json.has("timestamp") && json.has("level") && json.has("loggerName"), line);
                if ("furniture.catalog.calls".equals(json.get("loggerName").getAsString())) {
                    Map<String, String> kv = keyValues(json);
                    if (kv.get("method").endsWith("/GetColor") && "OK".equals(kv.get("status"))) {
                        getLine = json;
                    }
                    if ("INTERNAL".equals(kv.get("status"))) {
                        internalLine = json;
                    }
                }
            }
            assertTrue(getLine != null, "a call line for GetColor: " + log);
            Map<String, String> get = keyValues(getLine);
            assertEquals("ed", get.get("principal"));
            assertTrue(get.get("peer").startsWith("127.0.0.1:"), get.toString());
            assertTrue(Long.parseLong(get.get("ms")) >= 0);
            assertEquals(errorId, keyValues(internalLine).get("error_id"), "the call line names the error id the caller got");
            assertTrue(log.stream().anyMatch(l -> l.contains("\"stopped\"")), "the shutdown is in the log too");
        } finally {
            collector.stop(0);
        }
    }

    private static ErrorInfo unpack(com.google.protobuf.Any any) {
        try {
            return any.unpack(ErrorInfo.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** The call log's key/values, from logback's JSON {@code kvpList}: a list of one-entry objects. */
    private static Map<String, String> keyValues(JsonObject line) {
        Map<String, String> kv = new HashMap<>();
        for (JsonElement e : line.getAsJsonArray("kvpList")) {
            e.getAsJsonObject().entrySet().forEach(entry -> kv.put(entry.getKey(), entry.getValue().getAsString()));
        }
        return kv;
    }

    /** The sum of the samples of {@code metric} whose labels contain {@code labels} (e.g. over memory pools). */
    private static double total(String scrape, String metric, String labels) {
        return samples(scrape, metric, labels).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code labels}. */
    private static double sample(String scrape, String metric, String labels) {
        return samples(scrape, metric, labels).get(0);
    }

    private static List<Double> samples(String scrape, String metric, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        List<Double> values = new java.util.ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                values.add(Double.parseDouble(m.group(2)));
            }
        }
        assertTrue(!values.isEmpty(), "no sample " + metric + "{" + labels + "} in the scrape");
        return values;
    }
}
