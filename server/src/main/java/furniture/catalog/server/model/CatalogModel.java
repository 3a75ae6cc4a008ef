package furniture.catalog.server.model;

import furniture.catalog.domain.entity.Catalog;
import furniture.catalog.migrations.MigrationException;
import furniture.catalog.migrations.schema.Column;
import furniture.catalog.migrations.schema.ForeignKey;
import furniture.catalog.migrations.schema.Index;
import furniture.catalog.migrations.schema.Schema;
import furniture.catalog.migrations.schema.SqlType;
import furniture.catalog.migrations.schema.Table;
import furniture.catalog.persistence.EntityTable;
import furniture.catalog.persistence.StorageModel;
import java.util.List;

/**
 * The model as the migration engine compares it: the persistence adapter's declaration of each entity type's table
 * ({@link StorageModel}, one {@link EntityTable} per entity type of {@link Catalog#TYPES}), in the engine's schema terms. The one
 * source of truth that {@code catalog db migrate} writes migrations from and {@code check} and {@code serve} hold the
 * live schema to.
 */
public final class CatalogModel {
    /** How generated migrations name their source. */
    public static final String NAME = "the model (the domain's entity types, stored as the persistence adapter's StorageModel declares)";

    private CatalogModel() {}

    public static Schema schema() {
        return schema(StorageModel.CATALOG);
    }

    /** The schema of these tables; one line naming the declaration that cannot be expressed, if one cannot. */
    public static Schema schema(List<EntityTable> tables) {
        List<StorageModel.DeclaredTable> declared;
        try {
            declared = StorageModel.declare(tables);
        } catch (IllegalArgumentException e) {
            throw MigrationException.usage("the model cannot be expressed: " + e.getMessage());
        }
        return new Schema(declared.stream().map(CatalogModel::table).toList());
    }

    private static Table table(StorageModel.DeclaredTable declared) {
        List<Column> columns = declared.columns().stream().map(c -> {
            try {
                return new Column(c.name(), SqlType.parse(c.sqlType()), c.nullable(), c.defaultSql(), c.autoIncrement());
            } catch (IllegalArgumentException e) {
                throw MigrationException.usage("the model cannot be expressed: " + declared.name() + "." + c.name() + ": " + e.getMessage());
            }
        }).toList();
        List<Index> indexes = declared.indexes().stream().map(i -> new Index(i.name(), i.unique(), i.columns())).toList();
        List<ForeignKey> foreignKeys = declared.foreignKeys().stream().map(f -> new ForeignKey(f.name(), List.of(f.column()),
                f.referencedTable(), List.of(f.referencedColumn()), null)).toList();
        return new Table(declared.name(), columns, declared.primaryKey(), indexes, foreignKeys);
    }
}
