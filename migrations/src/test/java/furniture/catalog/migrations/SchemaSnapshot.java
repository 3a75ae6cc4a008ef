package furniture.catalog.migrations;

import furniture.catalog.testkit.TestDatabase;
import java.sql.SQLException;
import java.util.List;

/** The schema as information_schema describes it (see {@link TestDatabase#schemaSnapshot()}), for these tests. */
final class SchemaSnapshot {
    private SchemaSnapshot() {}

    static List<String> columns(TestDatabase db) throws SQLException {
        return db.columnsSnapshot();
    }

    static List<String> indexes(TestDatabase db) throws SQLException {
        return db.indexesSnapshot();
    }

    static List<String> tables(TestDatabase db) throws SQLException {
        return db.tablesSnapshot();
    }

    static List<String> all(TestDatabase db) throws SQLException {
        return db.schemaSnapshot();
    }
}
