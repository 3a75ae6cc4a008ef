package furniture.catalog.persistence;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds an {@link Instant} as the UTC wall-clock time the session (in UTC) stores, with its microseconds, written out
 * ({@code '2026-11-18 11:06:40.123456'}). Connector/J drops the fraction of a {@code Timestamp} or
 * {@code LocalDateTime} on MariaDB 10 (which announces itself as "5.5.5-10…", a version without fractional seconds),
 * so a {@code DATETIME(6)} field would lose its microseconds. {@link StoredRowMapper} reads it back in UTC.
 */
final class UtcInstantArgument extends AbstractArgumentFactory<Instant> {
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    UtcInstantArgument() {
        super(Types.TIMESTAMP);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        String utc = wallClock(value);
        return (position, statement, ctx) -> statement.setString(position, utc);
    }

    /** {@code instant} as the UTC wall-clock text the database takes and gives back: {@code 2026-11-18 11:06:40.123456}. */
    static String wallClock(Instant instant) {
        return WALL_CLOCK.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
