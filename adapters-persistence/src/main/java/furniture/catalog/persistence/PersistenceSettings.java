package furniture.catalog.persistence;

import java.time.Duration;

/**
 * How to reach the database and size the pool.
 *
 * @param url a {@code jdbc:mysql:} URL, in UTC
 * @param poolSize the most connections held open
 * @param connectionTimeout how long a caller waits for a free connection before "storage unavailable"
 */
public record PersistenceSettings(String url, String user, String password, int poolSize, Duration connectionTimeout) {
    public static PersistenceSettings of(String url, String user, String password) {
        return new PersistenceSettings(url, user, password, 10, Duration.ofSeconds(5));
    }
}
