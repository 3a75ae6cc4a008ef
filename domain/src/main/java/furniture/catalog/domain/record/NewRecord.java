package furniture.catalog.domain.record;

import java.time.Instant;

/** A record about to be created: it has no id nor version until the store gives them. */
public record NewRecord<T extends CatalogEntry>(EntityType<T> type, T entry, boolean active, Audit audit) {

    public static <T extends CatalogEntry> NewRecord<T> of(EntityType<T> type, T entry, boolean active, Principal by, Instant at) {
        return new NewRecord<>(type, entry, active, Audit.created(by, at));
    }

    /** The stored record, once the store has assigned its id; new records start at version 1. */
    public CatalogRecord<T> stored(long id) {
        return new CatalogRecord<>(type, id, entry, active, audit, java.util.Optional.empty(), 1);
    }
}
