package furniture.catalog.domain.record;

import java.time.Instant;

/** When and by whom a record was soft-deleted. */
public record Deletion(Instant deletedAt, Principal deletedBy) {
    public static Deletion of(Principal by, Instant at) {
        return new Deletion(Audit.seconds(at), by);
    }
}
