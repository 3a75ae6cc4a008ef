package furniture.catalog.server.sample;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only entity with a field of every kind: it proves that an entity is one declaration (this record's
 * {@link #TYPE}, and its {@code EntityTable}) served by the generic machinery, from the generated migration to gRPC.
 */
public record SampleItem(String name, String code, String notes, Integer quantity, Long serial, BigDecimal price, Boolean inStock,
        Instant availableFrom, LocalDate launchDate, Long colorId) implements CatalogEntry {

    public static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.uniqueName(60),
            FieldSpec.fixedText("code", 4).asUnique(),
            FieldSpec.longText("notes"),
            FieldSpec.integer("quantity").asRequired(),
            FieldSpec.bigInteger("serial"),
            FieldSpec.decimal("price", 8, 2).asRequired(),
            FieldSpec.bool("in_stock").withDefault(true),
            FieldSpec.timestamp("available_from"),
            FieldSpec.date("launch_date"),
            FieldSpec.reference("color_id", "color"));

    public static final EntityType<SampleItem> TYPE = new EntityType<>("sample item", FIELDS, v -> new SampleItem(
            (String) v.get("name"), (String) v.get("code"), (String) v.get("notes"), (Integer) v.get("quantity"), (Long) v.get("serial"),
            (BigDecimal) v.get("price"), (Boolean) v.get("in_stock"), (Instant) v.get("available_from"), (LocalDate) v.get("launch_date"),
            (Long) v.get("color_id")));

    @Override
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("code", code);
        values.put("notes", notes);
        values.put("quantity", quantity);
        values.put("serial", serial);
        values.put("price", price);
        values.put("in_stock", inStock);
        values.put("available_from", availableFrom);
        values.put("launch_date", launchDate);
        values.put("color_id", colorId);
        return values;
    }
}
