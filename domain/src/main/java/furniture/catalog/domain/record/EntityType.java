package furniture.catalog.domain.record;

import furniture.catalog.domain.error.InvalidFieldException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A kind of catalog record: its name, its fields and their rules, and how to build its entry from field values. The
 * generic lifecycle ({@link CatalogRecord}), the use cases and the adapters all work from this description, so the five
 * entities share one implementation of everything they have in common.
 *
 * <p>Field values are typed ({@link FieldKind#javaType()}): the factory receives each value already checked by its
 * {@link FieldSpec}, so it may cast ({@code (String) values.get("name")}). Every entity type has a required, unique
 * text field {@code name}: lists are ordered and filtered by it.
 *
 * @param <T> the entry type
 */
public final class EntityType<T extends CatalogEntry> {
    private final String name;
    private final List<FieldSpec> fields;
    private final Function<Map<String, Object>, T> factory;

    /** Fails with one line ({@link IllegalArgumentException}) when the fields cannot make a catalog entity. */
    public EntityType(String name, List<FieldSpec> fields, Function<Map<String, Object>, T> factory) {
        this.name = Objects.requireNonNull(name);
        this.fields = List.copyOf(fields);
        this.factory = Objects.requireNonNull(factory);
        Set<String> seen = new HashSet<>();
        for (FieldSpec field : fields) {
            if (!seen.add(field.name())) {
                throw new IllegalArgumentException("the " + name + " declares its field " + field.name() + " twice");
            }
        }
        if (fields.stream().noneMatch(f -> f.name().equals("name") && f.kind() == FieldKind.TEXT && f.required() && f.unique())) {
            throw new IllegalArgumentException("the " + name + " has no required, unique text field 'name': every catalog entity has one "
                    + "(lists are ordered and filtered by it); declare FieldSpec.uniqueName(n)");
        }
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
    public T entry(Map<String, ?> values) {
        for (String key : values.keySet()) {
            field(key);
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        for (FieldSpec field : fields) {
            checked.put(field.name(), field.check(values.get(field.name())));
        }
        return factory.apply(checked);
    }

    /**
     * The entry of a new record: as {@link #entry}, each field given no value (absent, null, blank text) taking its
     * default when it has one.
     */
    public T newEntry(Map<String, ?> values) {
        Map<String, Object> withDefaults = new LinkedHashMap<>(values);
        for (FieldSpec field : fields) {
            if (field.defaultValue() != null && field.absent(values.get(field.name()))) {
                withDefaults.put(field.name(), field.defaultValue());
            }
        }
        return entry(withDefaults);
    }

    /** The entry with only {@code changes} applied; the other fields keep their values. */
    public T withChanges(T current, Map<String, ?> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(current.values());
        for (Map.Entry<String, ?> change : changes.entrySet()) {
            field(change.getKey());
            merged.put(change.getKey(), change.getValue());
        }
        return entry(merged);
    }

    @Override
    public String toString() {
        return name;
    }
}
