package furniture.catalog.persistence;

import furniture.catalog.domain.record.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where one entity type is stored: its table, its key column, and the secondary indexes its queries need beyond the
 * unique keys and foreign keys its fields imply. Each field is a column of the field's name ({@link StorageModel} says
 * of which type). This and the domain's {@link EntityType} are the whole declaration of an entity's storage.
 *
 * @param indexes each a list of field names, indexed in that order
 */
public record EntityTable(EntityType<?> type, String name, String idColumn, List<List<String>> indexes) {

    public EntityTable {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idColumn, "idColumn");
        indexes = indexes.stream().map(List::copyOf).toList();
    }

    public static EntityTable of(EntityType<?> type, String name, String idColumn) {
        return new EntityTable(type, name, idColumn, List.of());
    }

    /** This table with an index on {@code fields}, in that order. */
    public EntityTable withIndex(String... fields) {
        List<List<String>> more = new ArrayList<>(indexes);
        more.add(List.of(fields));
        return new EntityTable(type, name, idColumn, more);
    }
}
