package furniture.catalog.server.serve;

import furniture.catalog.migrations.MigrationEngine;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SERVING only while the database answers and is at head; checked every couple of seconds. */
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

    HealthChecker(HealthStatusManager health, MigrationEngine engine, List<String> services) {
        this.health = health;
        this.engine = engine;
        this.services = services;
    }

    void start(long periodMillis) {
        check();
        timer.scheduleWithFixedDelay(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void check() {
        ServingStatus status;
        String why;
        try {
            var result = engine.check();
            status = result.ok() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
            why = result.message();
        } catch (RuntimeException e) {
            status = ServingStatus.NOT_SERVING;
            why = e.getMessage();
        }
        if (status != last) {
            if (status == ServingStatus.SERVING) {
                log.info("health: {} ({})", status, why);
            } else {
                log.warn("health: {} ({})", status, why);
            }
            last = status;
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        for (String service : services) {
            health.setStatus(service, status);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        health.enterTerminalState();
    }
}
