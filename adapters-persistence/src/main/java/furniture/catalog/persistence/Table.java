package furniture.catalog.persistence;

import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One declared table ({@link EntityTable}) as the DAO's templates need it: its name, key and field columns (named
 * after the entity's fields), derived once.
 */
record Table(EntityType<?> type, String name, String idColumn, List<String> fieldColumns) {

    static Table of(EntityTable declared) {
        return new Table(declared.type(), declared.name(), declared.idColumn(),
                declared.type().fields().stream().map(FieldSpec::name).toList());
    }

    /** {@code template} (one of {@link RecordDao}'s) with this table's name, key and field columns in place. */
    String render(String template) {
        return template.replace("<table>", name).replace("<id>", idColumn).replace("<fields>", fields()).replace("<params>", params())
                .replace("<assignments>", assignments());
    }

    String fields() {
        return String.join(", ", fieldColumns);
    }

    String params() {
        return fieldColumns.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
    }

    String assignments() {
        return fieldColumns.stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "));
    }

    String column(String field) {
        if (!fieldColumns.contains(field)) {
            throw new IllegalArgumentException(field + " is not a column of " + name);
        }
        return field;
    }
}
