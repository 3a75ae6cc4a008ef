package furniture.catalog.domain.entity;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A unit furniture is measured in: a unique name of at most 50 characters and a unique abbreviation of at most 10. */
public record UnitOfMeasure(String name, String abbreviation) implements CatalogEntry {
    public static final FieldSpec NAME = FieldSpec.uniqueName(50);
    public static final FieldSpec ABBREVIATION = FieldSpec.text("abbreviation", 10).asRequired().asUnique();
    public static final EntityType<UnitOfMeasure> TYPE = new EntityType<>("unit of measure", List.of(NAME, ABBREVIATION),
            values -> new UnitOfMeasure((String) values.get("name"), (String) values.get("abbreviation")));

    public UnitOfMeasure {
        name = NAME.checkText(name);
        abbreviation = ABBREVIATION.checkText(abbreviation);
    }

    @Override
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("abbreviation", abbreviation);
        return values;
    }
}
