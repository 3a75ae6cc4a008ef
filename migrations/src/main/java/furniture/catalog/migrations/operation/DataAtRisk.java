package furniture.catalog.migrations.operation;

import furniture.catalog.migrations.schema.SqlType;
import java.util.List;

/**
 * Stored data an operation may destroy, described so that exactly that can be counted and backed up: the guard turns
 * each into a count of the rows that hold it and, when allowed, into the INSERTs that put it back.
 */
public sealed interface DataAtRisk {
    String table();

    /** Every row of the table (dropped, truncated). */
    record WholeTable(String table, String how) implements DataAtRisk {}

    /** The values of one column (dropped, or retyped to a type nothing can judge). */
    record ColumnValues(String table, String column, String how) implements DataAtRisk {}

    /**
     * The rows {@code where} selects (null: all), in the order and number {@code tail} (ORDER BY … LIMIT …) keeps:
     * deleted when {@code columns} is empty, else those columns' values overwritten.
     */
    record Rows(String table, String where, String tail, List<String> columns) implements DataAtRisk {
        public Rows {
            columns = List.copyOf(columns);
        }
    }

    /** The values of {@code column} that {@code type} cannot hold without change (none when the type only widens). */
    record Narrowing(String table, String column, SqlType type) implements DataAtRisk {}
}
