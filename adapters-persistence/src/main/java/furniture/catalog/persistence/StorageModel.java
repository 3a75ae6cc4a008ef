package furniture.catalog.persistence;

import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables this adapter stores the catalog in, declared: for each entity type, its table and key column (from
 * {@link Table}), a column per field of the domain's declaration, and the columns every catalog record has (audit,
 * soft delete, row version). This is the model {@code catalog db migrate} writes migrations from and {@code catalog db
 * check} compares the live schema with. The domain states fields in its own terms (a text of at most n characters,
 * required, unique); how those become columns is decided here, once:
 *
 * <ul>
 *   <li>a text field of at most n characters is {@code VARCHAR(n)}, NOT NULL when required, with a unique key named
 *       after the column when unique (MySQL's own name for {@code UNIQUE (column)});</li>
 *   <li>the key is {@code INT AUTO_INCREMENT}; {@code active} is {@code BOOL NOT NULL}; the times are {@code TIMESTAMP}
 *       (created and updated default to now, deleted is NULL while live); who did it is {@code VARCHAR(100)}, the
 *       longest principal; {@code row_version} is {@code INT UNSIGNED NOT NULL DEFAULT 1}.</li>
 * </ul>
 */
public final class StorageModel {

    /** A column as declared: a SQL type as written in DDL, nullability, a default as SQL (null for none). */
    public record DeclaredColumn(String name, String sqlType, boolean nullable, String defaultSql, boolean autoIncrement) {}

    /** A unique key or secondary index. */
    public record DeclaredIndex(String name, boolean unique, List<String> columns) {}

    /** One table: columns in order, primary key, keys. */
    public record DeclaredTable(String name, List<DeclaredColumn> columns, List<String> primaryKey, List<DeclaredIndex> indexes) {}

    private StorageModel() {}

    /** The declaration of every given entity type's table, in the given order. */
    public static List<DeclaredTable> declare(List<EntityType<?>> types) {
        return types.stream().map(StorageModel::declare).toList();
    }

    static DeclaredTable declare(EntityType<?> type) {
        Table table = Table.of(type);
        List<DeclaredColumn> columns = new ArrayList<>();
        List<DeclaredIndex> indexes = new ArrayList<>();
        columns.add(new DeclaredColumn(table.idColumn(), "INT", false, null, true));
        for (FieldSpec field : type.fields()) {
            String column = table.column(field.name());
            columns.add(new DeclaredColumn(column, "VARCHAR(" + field.maxLength() + ")", !field.required(), null, false));
            if (field.unique()) {
                indexes.add(new DeclaredIndex(column, true, List.of(column)));
            }
        }
        columns.add(new DeclaredColumn("active", "BOOL", false, null, false));
        columns.add(new DeclaredColumn("created_at", "TIMESTAMP", false, "CURRENT_TIMESTAMP", false));
        columns.add(new DeclaredColumn("updated_at", "TIMESTAMP", false, "CURRENT_TIMESTAMP", false));
        columns.add(new DeclaredColumn("deleted_at", "TIMESTAMP", true, null, false));
        columns.add(new DeclaredColumn("created_by", "VARCHAR(100)", true, null, false));
        columns.add(new DeclaredColumn("updated_by", "VARCHAR(100)", true, null, false));
        columns.add(new DeclaredColumn("deleted_by", "VARCHAR(100)", true, null, false));
        columns.add(new DeclaredColumn("row_version", "INT UNSIGNED", false, "1", false));
        return new DeclaredTable(table.name(), columns, List.of(table.idColumn()), indexes);
    }
}
