package furniture.catalog.domain.record;

import furniture.catalog.domain.error.AlreadyDeletedException;
import furniture.catalog.domain.error.DeletedRecordException;
import furniture.catalog.domain.error.NotDeletedException;
import furniture.catalog.domain.error.StaleVersionException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The lifecycle every catalog record shares, written once: identity, the entry, the active flag, the audit trail,
 * soft deletion, and a version for optimistic concurrency (the schema's timestamps, at one-second precision, are too
 * coarse for that). Each transition returns the next state with the version incremented; the rules of what may
 * happen in which state live here.
 *
 * @param <T> the entry type (Color, WoodType, …)
 */
public record CatalogRecord<T extends CatalogEntry>(EntityType<T> type, long id, T entry, boolean active, Audit audit,
        Optional<Deletion> deletion, long version) {

    public CatalogRecord {
        Objects.requireNonNull(type);
        Objects.requireNonNull(entry);
        Objects.requireNonNull(audit);
        Objects.requireNonNull(deletion);
    }

    public boolean deleted() {
        return deletion.isPresent();
    }

    /** Fails unless the caller saw the current version. */
    public CatalogRecord<T> requireVersion(long expected) {
        if (expected != version) {
            throw new StaleVersionException(type.name(), id, expected, version);
        }
        return this;
    }

    /** A new entry and active flag; a deleted record cannot be changed. */
    public CatalogRecord<T> update(T newEntry, boolean newActive, Principal by, Instant at) {
        if (deleted()) {
            throw new DeletedRecordException(type.name(), id);
        }
        return new CatalogRecord<>(type, id, newEntry, newActive, audit.changed(by, at), deletion, version + 1);
    }

    public CatalogRecord<T> delete(Principal by, Instant at) {
        if (deleted()) {
            throw new AlreadyDeletedException(type.name(), id);
        }
        return new CatalogRecord<>(type, id, entry, active, audit.changed(by, at), Optional.of(Deletion.of(by, at)), version + 1);
    }

    public CatalogRecord<T> undelete(Principal by, Instant at) {
        if (!deleted()) {
            throw new NotDeletedException(type.name(), id, "undeleted");
        }
        return new CatalogRecord<>(type, id, entry, active, audit.changed(by, at), Optional.empty(), version + 1);
    }

    /** Only a soft-deleted record may be removed for good. */
    public CatalogRecord<T> requirePurgeable() {
        if (!deleted()) {
            throw new NotDeletedException(type.name(), id, "purged");
        }
        return this;
    }
}
