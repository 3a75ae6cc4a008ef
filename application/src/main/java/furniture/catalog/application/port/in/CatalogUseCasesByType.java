package furniture.catalog.application.port.in;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The use cases of every entity type: what an inbound adapter is given. The composition root builds it (from the
 * application's services and the out-ports), so that no adapter has to know how a use case is made.
 */
public interface CatalogUseCasesByType {

    /** The use cases of {@code type}'s records; fails for a type the catalog does not hold. */
    <T extends CatalogEntry> CatalogUseCases<T> of(EntityType<T> type);

    /** The use cases {@code build} makes for each type, made once, on first use. */
    static CatalogUseCasesByType built(Function<EntityType<?>, CatalogUseCases<?>> build) {
        Map<EntityType<?>, CatalogUseCases<?>> made = new ConcurrentHashMap<>();
        return new CatalogUseCasesByType() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends CatalogEntry> CatalogUseCases<T> of(EntityType<T> type) {
                return (CatalogUseCases<T>) made.computeIfAbsent(type, build);
            }
        };
    }
}
