package furniture.catalog.domain.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a record was created and last changed, and by whom. Times are UTC instants with one-second precision, as the
 * schema stores them; principals are null only on rows written before the service existed.
 */
public record Audit(Instant createdAt, Principal createdBy, Instant updatedAt, Principal updatedBy) {

    public static Audit created(Principal by, Instant at) {
        Instant t = seconds(at);
        return new Audit(t, by, t, by);
    }

    public Audit changed(Principal by, Instant at) {
        return new Audit(createdAt, createdBy, seconds(at), by);
    }

    static Instant seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }
}
