package furniture.catalog.domain.record;

import java.util.Map;

/** What one kind of catalog record holds besides its lifecycle: a color's name, a unit's name and abbreviation, … */
public interface CatalogEntry {
    /**
     * The entry's fields by name, in declaration order, each of its kind's Java type ({@link FieldKind#javaType()});
     * an absent optional field maps to null.
     */
    Map<String, Object> values();
}
