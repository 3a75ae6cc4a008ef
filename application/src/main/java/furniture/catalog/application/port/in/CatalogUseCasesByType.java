package furniture.catalog.application.port.in;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;

/**
 * The use cases of every entity type: what an inbound adapter is given. The composition root builds it (from the
 * application's services and the out-ports), so that no adapter has to know how a use case is made.
 */
public interface CatalogUseCasesByType {

    /** The use cases of {@code type}'s records; fails for a type the catalog does not hold. */
    <T extends CatalogEntry> CatalogUseCases<T> of(EntityType<T> type);
}
