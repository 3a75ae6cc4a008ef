package furniture.catalog.persistence;

import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.entity.FurnitureType;
import furniture.catalog.domain.entity.Role;
import furniture.catalog.domain.entity.UnitOfMeasure;
import furniture.catalog.domain.entity.WoodType;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where each entity type is stored: the seed's table and key column; the other columns are named after the entity's
 * fields. The column lists the DAO's templates need are derived here, once.
 */
record Table(String name, String idColumn, List<String> fieldColumns) {
    private static final Map<EntityType<?>, Table> TABLES = Map.of(
            Color.TYPE, of(Color.TYPE, "colors", "id_color"),
            Role.TYPE, of(Role.TYPE, "roles", "id_role"),
            WoodType.TYPE, of(WoodType.TYPE, "wood_types", "id_wood_type"),
            UnitOfMeasure.TYPE, of(UnitOfMeasure.TYPE, "unit_of_measures", "id_unit_of_measure"),
            FurnitureType.TYPE, of(FurnitureType.TYPE, "furniture_type", "id_furniture_type"));

    static Table of(EntityType<?> type) {
        Table table = TABLES.get(type);
        if (table == null) {
            throw new IllegalArgumentException("no table for " + type);
        }
        return table;
    }

    private static Table of(EntityType<?> type, String name, String idColumn) {
        return new Table(name, idColumn, type.fields().stream().map(FieldSpec::name).toList());
    }

    /** {@code template} (one of {@link RecordDao}'s) with this table's name, key and field columns in place. */
    String render(String template) {
        return template.replace("<table>", name).replace("<id>", idColumn).replace("<fields>", fields());
    }

    String fields() {
        return String.join(", ", fieldColumns);
    }

    String params() {
        return fieldColumns.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
    }

    String assignments() {
        return fieldColumns.stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "));
    }

    String column(String field) {
        if (!fieldColumns.contains(field)) {
            throw new IllegalArgumentException(field + " is not a column of " + name);
        }
        return field;
    }
}
