package furniture.catalog.domain.entity;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A wood furniture is made of: a unique name of at most 100 characters and an optional description of at most 255. */
public record WoodType(String name, Optional<String> description) implements CatalogEntry {
    public static final FieldSpec NAME = FieldSpec.uniqueName(100);
    public static final FieldSpec DESCRIPTION = FieldSpec.text("description", 255);
    public static final EntityType<WoodType> TYPE = new EntityType<>("wood type", List.of(NAME, DESCRIPTION),
            values -> new WoodType((String) values.get("name"), Optional.ofNullable((String) values.get("description"))));

    public WoodType {
        name = NAME.checkText(name);
        description = Optional.ofNullable(DESCRIPTION.checkText(description.orElse(null)));
    }

    public WoodType(String name) {
        this(name, Optional.empty());
    }

    @Override
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("description", description.orElse(null));
        return values;
    }
}
