package furniture.catalog.persistence;

import furniture.catalog.domain.record.EntityType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tables the adapter was given, by entity type and by name. */
final class Tables {
    private final Map<EntityType<?>, Table> byType = new LinkedHashMap<>();

    Tables(List<EntityTable> declared) {
        StorageModel.declare(declared); // fails on what cannot be expressed, before the first call
        declared.forEach(t -> byType.put(t.type(), Table.of(t)));
    }

    Table of(EntityType<?> type) {
        Table table = byType.get(type);
        if (table == null) {
            throw new IllegalArgumentException("no table is declared for the " + type.name() + ": add an EntityTable for it");
        }
        return table;
    }

    Optional<Table> named(String name) {
        return byType.values().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
