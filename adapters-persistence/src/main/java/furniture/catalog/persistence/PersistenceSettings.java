package furniture.catalog.persistence;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the database and size the pool.
 *
 * @param url a {@code jdbc:mysql:} URL, in UTC
 * @param poolSize the most connections held open
 * @param connectionTimeout how long a caller waits for a free connection before "storage unavailable"
 * @param metrics where the pool reports its metrics (connections in use, idle, pending, wait and use times), if anywhere
 * @param statementTimeout how long a statement may go without an answer from the database when the caller set no
 *     deadline (with one, the deadline rules); past it the connection is given up, so a database that stops answering
 *     cannot hold the pool
 */
public record PersistenceSettings(String url, String user, String password, int poolSize, Duration connectionTimeout,
        Optional<MetricsTrackerFactory> metrics, Duration statementTimeout) {
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

    public PersistenceSettings(String url, String user, String password, int poolSize, Duration connectionTimeout) {
        this(url, user, password, poolSize, connectionTimeout, Optional.empty(), DEFAULT_STATEMENT_TIMEOUT);
    }

    public static PersistenceSettings of(String url, String user, String password) {
        return new PersistenceSettings(url, user, password, 10, Duration.ofSeconds(5));
    }
}
