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
    public static final FieldSpec ABBREVIATION = new FieldSpec("abbreviation", 10, true, true);
    public static final EntityType<UnitOfMeasure> TYPE = new EntityType<>("unit of measure", List.of(NAME, ABBREVIATION),
            values -> new UnitOfMeasure(values.get("name"), values.get("abbreviation")));

    public UnitOfMeasure {
        name = NAME.check(name);
        abbreviation = ABBREVIATION.check(abbreviation);
    }

    @Override
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("abbreviation", abbreviation);
        return values;
    }
}
