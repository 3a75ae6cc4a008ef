package furniture.catalog.migrations;

import furniture.catalog.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The schema as information_schema describes it: tables, columns and indexes, Flyway's own table left out. */
final class SchemaSnapshot {
    private SchemaSnapshot() {}

    static List<String> columns(TestDatabase db) throws SQLException {
        return rows(db, "SELECT table_name, ordinal_position, column_name, column_type, is_nullable, "
                + "COALESCE(column_default, '<none>'), extra, COALESCE(character_set_name, '-') FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name NOT IN ('flyway_schema_history', 'catalog_migration_run', 'catalog_migration_lock') ORDER BY table_name, ordinal_position");
    }

    static List<String> indexes(TestDatabase db) throws SQLException {
        return rows(db, "SELECT table_name, index_name, non_unique, seq_in_index, column_name FROM information_schema.statistics "
                + "WHERE table_schema = ? AND table_name NOT IN ('flyway_schema_history', 'catalog_migration_run', 'catalog_migration_lock') ORDER BY table_name, index_name, seq_in_index");
    }

    static List<String> tables(TestDatabase db) throws SQLException {
        return rows(db, "SELECT table_name, engine, table_collation FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_name NOT IN ('flyway_schema_history', 'catalog_migration_run', 'catalog_migration_lock') ORDER BY table_name");
    }

    static List<String> all(TestDatabase db) throws SQLException {
        List<String> all = new ArrayList<>(tables(db));
        all.addAll(columns(db));
        all.addAll(indexes(db));
        return all;
    }

    private static List<String> rows(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.asText(rs);
            }
        }
    }
}
