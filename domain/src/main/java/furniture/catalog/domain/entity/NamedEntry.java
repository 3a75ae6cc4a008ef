package furniture.catalog.domain.entity;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An entry that is just a unique name of at most 50 characters: Color, Role, FurnitureType. */
public interface NamedEntry extends CatalogEntry {
    FieldSpec NAME = FieldSpec.uniqueName(50);

    String name();

    @Override
    default Map<String, Object> values() {
        return Map.of("name", name());
    }

    static <T extends NamedEntry> EntityType<T> type(String typeName, Function<String, T> constructor) {
        return new EntityType<>(typeName, List.of(NAME), values -> constructor.apply((String) values.get("name")));
    }
}
