package furniture.catalog.persistence;

import java.time.Instant;
import java.util.Map;

/** One row of any catalog table, as read: the entity's own columns in {@code fields}, the lifecycle columns beside. */
record StoredRow(long id, Map<String, String> fields, boolean active, Instant createdAt, String createdBy,
        Instant updatedAt, String updatedBy, Instant deletedAt, String deletedBy, long version) {}
