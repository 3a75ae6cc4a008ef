package furniture.catalog.application.port.in;

import java.util.Optional;

/**
 * Which records a listing returns and in which order.
 *
 * @param active all records, only active ones, or only inactive ones
 * @param namePrefix names starting with this (case as the collation compares), if present
 * @param includeDeleted whether soft-deleted records are listed too
 */
public record ListCriteria(ActiveFilter active, Optional<String> namePrefix, boolean includeDeleted, Order order) {

    public enum ActiveFilter { ALL, ACTIVE, INACTIVE }

    public enum Order { NAME, ID }
}
