package furniture.catalog.server.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.grpc.ServerBuilder;
import io.grpc.opentelemetry.GrpcOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.instrumentation.hikaricp.v3_0.HikariTelemetry;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The service's metrics, on one OpenTelemetry SDK: grpc-java's own {@code grpc.server.call.*} instruments, the
 * HikariCP pool, the JVM (memory, GC, threads, CPU, classes), and the schema's version and pending migrations. Read by
 * Prometheus from {@code /metrics} (pull), and pushed by OTLP/HTTP when an endpoint is configured.
 */
public final class Telemetry implements AutoCloseable {
    /** Where metrics go: a scrape address (none: no endpoint), an OTLP endpoint (none: no push) and its interval. */
    public record Settings(Optional<InetSocketAddress> prometheus, Optional<String> otlpEndpoint, Duration otlpInterval) {
        public static final Settings NONE = new Settings(Optional.empty(), Optional.empty(), Duration.ofMinutes(1));
    }

    private final OpenTelemetrySdk sdk;
    private final int prometheusPort;
    private final List<AutoCloseable> instruments = new ArrayList<>();

    private Telemetry(OpenTelemetrySdk sdk, int prometheusPort) {
        this.sdk = sdk;
        this.prometheusPort = prometheusPort;
    }

    /** Starts the SDK and its readers; the scrape endpoint listens when this returns. */
    public static Telemetry start(Settings settings) {
        SdkMeterProviderBuilder meters = SdkMeterProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "catalog"))));
        int prometheusPort = -1;
        if (settings.prometheus().isPresent()) {
            InetSocketAddress at = settings.prometheus().get();
            try {
                // The exporter does not tell which port it bound, so "any free port" is chosen here.
                prometheusPort = at.getPort() == 0 ? freePort(at) : at.getPort();
                meters.registerMetricReader(PrometheusHttpServer.builder().setHost(at.getAddress().getHostAddress())
                        .setPort(prometheusPort).build());
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot serve metrics on " + at.getAddress().getHostAddress() + ":" + at.getPort()
                        + ": " + rootMessage(e) + " (set --metrics-port / CATALOG_METRICS_PORT: 0 for any free port, off for none)", e);
            }
        }
        if (settings.otlpEndpoint().isPresent()) {
            String endpoint = settings.otlpEndpoint().get();
            String metricsUrl = endpoint.endsWith("/v1/metrics") ? endpoint : endpoint.replaceAll("/+$", "") + "/v1/metrics";
            meters.registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder().setEndpoint(metricsUrl).build())
                    .setInterval(settings.otlpInterval()).build());
        }
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setMeterProvider(meters.build()).build();
        Telemetry telemetry = new Telemetry(sdk, prometheusPort);
        telemetry.instruments.add(RuntimeTelemetry.create(sdk));
        return telemetry;
    }

    /** grpc-java's server instruments ({@code grpc.server.call.started}, {@code .duration}, message sizes). */
    public void instrument(ServerBuilder<?> server) {
        GrpcOpenTelemetry.newBuilder().sdk(sdk).build().configureServerBuilder(server);
    }

    /** The pool's instruments ({@code db.client.connections.*}), for HikariCP's metrics tracker. */
    public MetricsTrackerFactory pool() {
        return HikariTelemetry.create(sdk).createMetricsTrackerFactory();
    }

    /**
     * {@code catalog.schema.version} and {@code catalog.schema.pending}: what the last health check saw (-1 while the
     * database could not be read), so a scrape never queries the database itself.
     */
    public void schema(IntSupplier version, IntSupplier pending) {
        Meter meter = sdk.getMeter("furniture.catalog");
        instruments.add(meter.gaugeBuilder("catalog.schema.version").ofLongs()
                .setDescription("Schema version the database is at (0: base; -1: unknown)")
                .buildWithCallback(m -> m.record(version.getAsInt())));
        instruments.add(meter.gaugeBuilder("catalog.schema.pending").ofLongs()
                .setDescription("Migrations of this build not applied to the database (-1: unknown)")
                .buildWithCallback(m -> m.record(pending.getAsInt())));
    }

    /** The scrape endpoint's port (useful when 0 asked for any free one), or -1 when there is none. */
    public int prometheusPort() {
        return prometheusPort;
    }

    private static int freePort(InetSocketAddress at) throws java.io.UncheckedIOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, at.getAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable instrument : instruments) {
            try {
                instrument.close();
            } catch (Exception ignored) {
                // Closing an instrument only unregisters its callback.
            }
        }
        sdk.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
