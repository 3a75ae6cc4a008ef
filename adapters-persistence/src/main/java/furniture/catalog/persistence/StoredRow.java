package furniture.catalog.persistence;

import java.time.Instant;
import java.util.Map;

/**
 * One row of any catalog table, as read: the entity's own columns in {@code fields} (as the driver's Java types, which the
 * entity's field specs check and convert), the lifecycle columns beside.
 */
record StoredRow(long id, Map<String, Object> fields, boolean active, Instant createdAt, String createdBy,
        Instant updatedAt, String updatedBy, Instant deletedAt, String deletedBy, long version) {}
