package furniture.catalog.domain.record;

import furniture.catalog.domain.error.InvalidFieldException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kind of catalog record: its name, its fields and their rules, and how to build its entry from field values. The
 * generic lifecycle ({@link CatalogRecord}), the use cases and the adapters all work from this description, so the five
 * entities share one implementation of everything they have in common.
 *
 * @param <T> the entry type
 */
public final class EntityType<T extends CatalogEntry> {
    private final String name;
    private final List<FieldSpec> fields;
    private final Function<Map<String, String>, T> factory;

    public EntityType(String name, List<FieldSpec> fields, Function<Map<String, String>, T> factory) {
        this.name = Objects.requireNonNull(name);
        this.fields = List.copyOf(fields);
        this.factory = Objects.requireNonNull(factory);
    }

    /** "color", "wood type", … as people say it. */
    public String name() {
        return name;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public FieldSpec field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
                .orElseThrow(() -> new InvalidFieldException(fieldName, "is not a field of a " + name));
    }

    public List<FieldSpec> uniqueFields() {
        return fields.stream().filter(FieldSpec::unique).toList();
    }

    /** Builds and validates an entry from field values; a missing key is an absent value. */
    public T entry(Map<String, String> values) {
        for (String key : values.keySet()) {
            field(key);
        }
        return factory.apply(values);
    }

    /** The entry with only {@code changes} applied; the other fields keep their values. */
    public T withChanges(T current, Map<String, String> changes) {
        Map<String, String> merged = new LinkedHashMap<>(current.values());
        for (Map.Entry<String, String> change : changes.entrySet()) {
            field(change.getKey());
            merged.put(change.getKey(), change.getValue());
        }
        return factory.apply(merged);
    }

    @Override
    public String toString() {
        return name;
    }
}
