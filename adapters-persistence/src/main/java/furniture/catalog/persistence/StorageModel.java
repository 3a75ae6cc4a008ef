package furniture.catalog.persistence;

import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.entity.FurnitureType;
import furniture.catalog.domain.entity.Role;
import furniture.catalog.domain.entity.UnitOfMeasure;
import furniture.catalog.domain.entity.WoodType;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables this adapter stores the catalog in, declared: for each entity type ({@link EntityTable}), its table and
 * key column, a column per field of the domain's declaration, and the columns every catalog record has (audit, soft
 * delete, row version). This is the model {@code catalog db migrate} writes migrations from and {@code catalog db
 * check} compares the live schema with. The domain states fields in its own terms (a kind, a length, required,
 * unique); how those become columns is decided here, once:
 *
 * <table>
 *   <caption>Each field kind's column</caption>
 *   <tr><th>kind</th><th>column</th></tr>
 *   <tr><td>TEXT of at most n</td><td>{@code VARCHAR(n)}</td></tr>
 *   <tr><td>FIXED_TEXT of n</td><td>{@code CHAR(n)}</td></tr>
 *   <tr><td>LONG_TEXT</td><td>{@code TEXT}</td></tr>
 *   <tr><td>INTEGER, BIG_INTEGER</td><td>{@code INT}, {@code BIGINT}</td></tr>
 *   <tr><td>DECIMAL of p digits, s after the point</td><td>{@code DECIMAL(p,s)}</td></tr>
 *   <tr><td>BOOLEAN</td><td>{@code BOOL}</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@code DATETIME(6)}, in UTC (TIMESTAMP ends in 2038)</td></tr>
 *   <tr><td>DATE</td><td>{@code DATE}</td></tr>
 *   <tr><td>REFERENCE to an entity type</td><td>{@code INT} (the ids' type) with a foreign key
 *       {@code <table>_<column>} to that type's key; InnoDB indexes it</td></tr>
 * </table>
 *
 * <p>A field is NOT NULL when required, has a unique key named after its column when unique (MySQL's own name for
 * {@code UNIQUE (column)}), and a {@code DEFAULT} when it has a default ({@link #defaultSql}). A secondary index is named {@code ix_<table>_<columns>}. The key is {@code INT
 * AUTO_INCREMENT}; {@code active} is {@code BOOL NOT NULL}; the audit times are {@code TIMESTAMP} (created and updated
 * default to now, deleted is NULL while live); who did it is {@code VARCHAR(100)}, the longest principal;
 * {@code row_version} is {@code INT UNSIGNED NOT NULL DEFAULT 1}.
 */
public final class StorageModel {

    /** A column as declared: a SQL type as written in DDL, nullability, a default as SQL (null for none). */
    public record DeclaredColumn(String name, String sqlType, boolean nullable, String defaultSql, boolean autoIncrement) {}

    /** A unique key or secondary index. */
    public record DeclaredIndex(String name, boolean unique, List<String> columns) {}

    /** A foreign key from one column to another table's key. */
    public record DeclaredForeignKey(String name, String column, String referencedTable, String referencedColumn) {}

    /** One table: columns in order, primary key, keys. */
    public record DeclaredTable(String name, List<DeclaredColumn> columns, List<String> primaryKey, List<DeclaredIndex> indexes,
            List<DeclaredForeignKey> foreignKeys) {}

    /** The catalog's five tables, as the seed named them. */
    public static final List<EntityTable> CATALOG = List.of(
            EntityTable.of(Color.TYPE, "colors", "id_color"),
            EntityTable.of(Role.TYPE, "roles", "id_role"),
            EntityTable.of(WoodType.TYPE, "wood_types", "id_wood_type"),
            EntityTable.of(UnitOfMeasure.TYPE, "unit_of_measures", "id_unit_of_measure"),
            EntityTable.of(FurnitureType.TYPE, "furniture_type", "id_furniture_type"));

    private StorageModel() {}

    /**
     * The declaration of every given table, in the given order; an {@link IllegalArgumentException} with one line naming
     * what cannot be expressed (a reference to an entity type that is not among them, an index on an unknown field, a
     * type stored twice).
     */
    public static List<DeclaredTable> declare(List<EntityTable> tables) {
        for (EntityTable table : tables) {
            if (tables.stream().filter(t -> t.type().equals(table.type()) || t.name().equals(table.name())).count() > 1) {
                throw new IllegalArgumentException("the " + table.type().name() + " or the table " + table.name() + " is declared twice");
            }
        }
        return tables.stream().map(t -> declare(t, tables)).toList();
    }

    static DeclaredTable declare(EntityTable table, List<EntityTable> all) {
        EntityType<?> type = table.type();
        List<DeclaredColumn> columns = new ArrayList<>();
        List<DeclaredIndex> indexes = new ArrayList<>();
        List<DeclaredForeignKey> foreignKeys = new ArrayList<>();
        columns.add(new DeclaredColumn(table.idColumn(), "INT", false, null, true));
        for (FieldSpec field : type.fields()) {
            String column = field.name();
            columns.add(new DeclaredColumn(column, sqlType(field), !field.required(), defaultSql(field.defaultValue()), false));
            if (field.unique()) {
                indexes.add(new DeclaredIndex(column, true, List.of(column)));
            }
            if (field.target() != null) {
                EntityTable target = all.stream().filter(t -> t.type().name().equals(field.target())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(table.name() + "." + column + " refers to a '" + field.target()
                                + "', which is not a declared entity type (" + String.join(", ", all.stream().map(t -> t.type().name()).toList()) + ")"));
                foreignKeys.add(new DeclaredForeignKey(table.name() + "_" + column, column, target.name(), target.idColumn()));
            }
        }
        for (List<String> index : table.indexes()) {
            for (String field : index) {
                if (type.fields().stream().noneMatch(f -> f.name().equals(field))) {
                    throw new IllegalArgumentException(table.name() + ": an index names '" + field + "', which is not a field of the " + type.name());
                }
            }
            indexes.add(new DeclaredIndex("ix_" + table.name() + "_" + String.join("_", index), false, index));
        }
        columns.add(new DeclaredColumn("active", "BOOL", false, null, false));
        columns.add(new DeclaredColumn("created_at", "TIMESTAMP", false, "CURRENT_TIMESTAMP", false));
        columns.add(new DeclaredColumn("updated_at", "TIMESTAMP", false, "CURRENT_TIMESTAMP", false));
        columns.add(new DeclaredColumn("deleted_at", "TIMESTAMP", true, null, false));
        columns.add(new DeclaredColumn("created_by", "VARCHAR(100)", true, null, false));
        columns.add(new DeclaredColumn("updated_by", "VARCHAR(100)", true, null, false));
        columns.add(new DeclaredColumn("deleted_by", "VARCHAR(100)", true, null, false));
        columns.add(new DeclaredColumn("row_version", "INT UNSIGNED", false, "1", false));
        return new DeclaredTable(table.name(), columns, List.of(table.idColumn()), indexes, foreignKeys);
    }

    /** The column type of a field's kind (the table above). */
    static String sqlType(FieldSpec field) {
        return switch (field.kind()) {
            case TEXT -> "VARCHAR(" + field.length() + ")";
            case FIXED_TEXT -> "CHAR(" + field.length() + ")";
            case LONG_TEXT -> "TEXT";
            case INTEGER, REFERENCE -> "INT";
            case BIG_INTEGER -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + field.length() + "," + field.scale() + ")";
            case BOOLEAN -> "BOOL";
            case TIMESTAMP -> "DATETIME(6)";
            case DATE -> "DATE";
        };
    }

    /**
     * A field's default as SQL, written as MariaDB's information_schema gives it back: text, dates and timestamps
     * quoted ({@code 'M'}, {@code '2027-01-01'}, {@code '2026-01-01 10:00:00.000000'}), numbers plain ({@code 5},
     * {@code 12.50}), booleans {@code 1} or {@code 0}; null for none.
     */
    static String defaultSql(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof java.time.Instant t) {
            return "'" + UtcInstantArgument.wallClock(t) + "'";
        }
        return "'" + value + "'"; // text (FieldSpec refuses ' and \ in a text default) or a date
    }
}
