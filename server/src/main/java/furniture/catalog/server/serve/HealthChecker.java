package furniture.catalog.server.serve;

import furniture.catalog.migrations.CheckResult;
import furniture.catalog.migrations.MigrationEngine;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SERVING only while the database answers and is at head; checked every couple of seconds. The last check's schema
 * version and pending count are kept for the metrics. Once draining, NOT_SERVING for good.
 */
final class HealthChecker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final HealthStatusManager health;
    private final MigrationEngine engine;
    private final List<String> services;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "catalog-health");
        t.setDaemon(true);
        return t;
    });
    private volatile ServingStatus last;
    private volatile int version = -1;
    private volatile int pending = -1;
    private volatile boolean draining;

    HealthChecker(HealthStatusManager health, MigrationEngine engine, List<String> services) {
        this.health = health;
        this.engine = engine;
        this.services = services;
    }

    void start(long periodMillis) {
        check();
        timer.scheduleWithFixedDelay(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    synchronized void check() {
        if (draining) {
            return;
        }
        ServingStatus status;
        String why;
        try {
            CheckResult result = engine.check();
            status = result.ok() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
            why = result.message();
            version = result.version();
            pending = result.pending();
        } catch (RuntimeException e) {
            status = ServingStatus.NOT_SERVING;
            why = e.getMessage();
            version = -1;
            pending = -1;
        }
        if (status != last) {
            if (status == ServingStatus.SERVING) {
                log.info("health: {} ({})", status, why);
            } else {
                log.warn("health: {} ({})", status, why);
            }
        }
        set(status);
    }

    private void set(ServingStatus status) {
        last = status;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        for (String service : services) {
            health.setStatus(service, status);
        }
    }

    /** NOT_SERVING from now on, whatever the database says: the server is about to stop. */
    synchronized void drain() {
        draining = true;
        timer.shutdownNow();
        set(ServingStatus.NOT_SERVING);
    }

    /** The schema version the last check saw (0 for base), -1 when the database could not be read. */
    int version() {
        return version;
    }

    /** Migrations pending at the last check, -1 when unknown. */
    int pending() {
        return pending;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        health.enterTerminalState();
    }
}
