package furniture.catalog.migrations.operation;

import furniture.catalog.migrations.schema.SqlType;
import java.util.List;

/**
 * What an operation needs of the rows already in a table, or the server stops it halfway through a migration: checked
 * against the live rows before the first statement of the pending set runs, naming the first offending keys.
 */
public sealed interface Requirement {
    String table();

    /** No two rows share these columns' values (a new unique key, a new primary key). */
    record Unique(String table, List<String> columns) implements Requirement {
        public Unique {
            columns = List.copyOf(columns);
        }
    }

    /** No row holds NULL in the column (it becomes NOT NULL). */
    record NotNull(String table, String column) implements Requirement {}

    /** Every row's non-NULL {@code columns} match a row of {@code referencedTable} (a new foreign key). */
    record References(String table, List<String> columns, String referencedTable, List<String> referencedColumns) implements Requirement {
        public References {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }

    /** Every value of the column fits {@code type} as it is (a narrowing type change). */
    record Fits(String table, String column, SqlType type) implements Requirement {}
}
