package furniture.catalog.migrations.schema;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A table as the schema holds it: columns in order, primary key, unique keys and indexes, foreign keys. */
public record Table(String name, List<Column> columns, List<String> primaryKey, List<Index> indexes, List<ForeignKey> foreignKeys) {
    /** What every catalog table states, so that any text (emoji included) stores whatever the server's defaults. */
    public static final String OPTIONS = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci";

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
    }

    public Optional<Column> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    public Optional<Index> index(String index) {
        return indexes.stream().filter(i -> i.name().equals(index)).findFirst();
    }

    /** CREATE TABLE with everything but the foreign keys (added after every table exists). */
    public String create() {
        StringBuilder s = new StringBuilder("CREATE TABLE ").append(name).append(" (\n");
        for (Column c : columns) {
            s.append("    ").append(c.definition()).append(",\n");
        }
        s.append("    PRIMARY KEY (").append(String.join(", ", primaryKey)).append(')');
        for (Index i : indexes) {
            s.append(",\n    ").append(i.unique() ? "UNIQUE KEY " : "INDEX ").append(i.name()).append(" (")
                    .append(String.join(", ", i.columns())).append(')');
        }
        return s.append("\n) ").append(OPTIONS).toString();
    }

    String describeColumns() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
