package furniture.catalog.migrations.schema;

import java.util.List;

/** A unique key or a secondary index, by name, on columns in order. */
public record Index(String name, boolean unique, List<String> columns) {
    public Index {
        columns = List.copyOf(columns);
    }

    public String describe() {
        return (unique ? "unique key" : "index") + " on " + String.join(", ", columns);
    }

    public String addClause() {
        return "ADD " + (unique ? "UNIQUE KEY " : "INDEX ") + name + " (" + String.join(", ", columns) + ")";
    }
}
