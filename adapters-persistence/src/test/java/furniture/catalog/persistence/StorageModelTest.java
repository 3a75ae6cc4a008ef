package furniture.catalog.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import furniture.catalog.domain.entity.Catalog;
import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the domain's declarations become tables: each kind's column, keys, indexes, foreign keys, and what cannot be. */
class StorageModelTest {
    record Thing(String name) implements CatalogEntry {
        @Override
        public Map<String, Object> values() {
            return Map.of("name", name);
        }
    }

    static final EntityType<Thing> EVERY_KIND = new EntityType<>("thing", List.of(FieldSpec.uniqueName(60), FieldSpec.fixedText("code", 4).asUnique(),
            FieldSpec.longText("notes"), FieldSpec.integer("quantity").asRequired(), FieldSpec.bigInteger("serial"),
            FieldSpec.decimal("price", 8, 2), FieldSpec.bool("in_stock"), FieldSpec.timestamp("available_from"), FieldSpec.date("launch_date"),
            FieldSpec.reference("color_id", "color")), v -> new Thing((String) v.get("name")));

    @Test
    void theCatalogStoresEveryEntityTypeOnceInTheDomainsOrder() {
        assertEquals(Catalog.TYPES, StorageModel.CATALOG.stream().map(EntityTable::type).toList());
    }

    @Test
    void eachKindHasItsColumnAndAReferenceItsForeignKey() {
        List<StorageModel.DeclaredTable> tables = StorageModel.declare(List.of(EntityTable.of(Color.TYPE, "colors", "id_color"),
                EntityTable.of(EVERY_KIND, "things", "id_thing").withIndex("launch_date", "quantity")));
        StorageModel.DeclaredTable things = tables.get(1);
        assertEquals(List.of("id_thing INT NOT NULL AUTO_INCREMENT", "name VARCHAR(60) NOT NULL", "code CHAR(4) NULL", "notes TEXT NULL",
                "quantity INT NOT NULL", "serial BIGINT NULL", "price DECIMAL(8,2) NULL", "in_stock BOOL NULL", "available_from DATETIME(6) NULL",
                "launch_date DATE NULL", "color_id INT NULL", "active BOOL NOT NULL", "created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP", "deleted_at TIMESTAMP NULL", "created_by VARCHAR(100) NULL",
                "updated_by VARCHAR(100) NULL", "deleted_by VARCHAR(100) NULL", "row_version INT UNSIGNED NOT NULL DEFAULT 1"),
                things.columns().stream().map(c -> c.name() + " " + c.sqlType() + (c.nullable() ? " NULL" : " NOT NULL")
                        + (c.defaultSql() == null ? "" : " DEFAULT " + c.defaultSql()) + (c.autoIncrement() ? " AUTO_INCREMENT" : "")).toList());
        assertEquals(List.of(new StorageModel.DeclaredIndex("name", true, List.of("name")), new StorageModel.DeclaredIndex("code", true, List.of("code")),
                new StorageModel.DeclaredIndex("ix_things_launch_date_quantity", false, List.of("launch_date", "quantity"))), things.indexes());
        assertEquals(List.of(new StorageModel.DeclaredForeignKey("things_color_id", "color_id", "colors", "id_color")), things.foreignKeys());
    }

    @Test
    void aDefaultIsWrittenAsTheServerReadsItBack() {
        assertEquals("'M'", StorageModel.defaultSql("M"));
        assertEquals("12.50", StorageModel.defaultSql(new java.math.BigDecimal("12.50")));
        assertEquals("1", StorageModel.defaultSql(true));
        assertEquals("-3", StorageModel.defaultSql(-3L));
        assertEquals("'2027-01-01'", StorageModel.defaultSql(java.time.LocalDate.of(2027, 1, 1)));
        assertEquals("'2026-01-01 10:00:00.123456'", StorageModel.defaultSql(java.time.Instant.parse("2026-01-01T10:00:00.123456Z")));
    }

    @Test
    void whatCannotBeStoredIsOneLine() {
        assertEquals("things.color_id refers to a 'color', which is not a declared entity type (thing)", assertThrows(
                IllegalArgumentException.class, () -> StorageModel.declare(List.of(EntityTable.of(EVERY_KIND, "things", "id_thing")))).getMessage());
        assertEquals("the color or the table colors is declared twice", assertThrows(IllegalArgumentException.class,
                () -> StorageModel.declare(List.of(EntityTable.of(Color.TYPE, "colors", "id_color"), EntityTable.of(Color.TYPE, "colors", "id")))).getMessage());
    }
}
