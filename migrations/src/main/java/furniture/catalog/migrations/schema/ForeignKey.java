package furniture.catalog.migrations.schema;

import java.util.List;

/**
 * A foreign key to another table.
 *
 * @param onDelete RESTRICT (the servers' default), CASCADE, SET NULL or NO ACTION
 */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns, String onDelete) {
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        onDelete = onDelete == null ? "RESTRICT" : onDelete.toUpperCase(java.util.Locale.ROOT);
    }

    public String describe() {
        return "foreign key " + name + " (" + String.join(", ", columns) + ") to " + referencedTable;
    }

    public String addClause() {
        return "ADD CONSTRAINT " + name + " FOREIGN KEY (" + String.join(", ", columns) + ") REFERENCES " + referencedTable
                + " (" + String.join(", ", referencedColumns) + ")" + ("RESTRICT".equals(onDelete) ? "" : " ON DELETE " + onDelete);
    }
}
