package furniture.catalog.migrations.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live schema of the connection's database, from {@code information_schema}, in the model's terms. The
 * bookkeeping tables (Flyway's history, the run marker, the migration lock and log, Flask-Migrate's version, the large-table
 * probes) are not part of it.
 */
public final class SchemaReader {
    private static final Set<String> BOOKKEEPING = Set.of("flyway_schema_history", "catalog_migration_run",
            "catalog_migration_lock", "catalog_migration_log", "alembic_version");

    private SchemaReader() {}

    public static Schema read(Connection c) throws SQLException {
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.table_name, c.column_name, c.column_type, c.is_nullable, "
                + "c.column_default, c.extra FROM information_schema.columns c JOIN information_schema.tables t "
                + "ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
                + "WHERE c.table_schema = DATABASE() ORDER BY c.table_name, c.ordinal_position");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (bookkeeping(table)) {
                    continue;
                }
                String extra = rs.getString(6) == null ? "" : rs.getString(6).toLowerCase(java.util.Locale.ROOT);
                columns.computeIfAbsent(table, t -> new ArrayList<>()).add(new Column(rs.getString(2), SqlType.parse(rs.getString(3)),
                        "YES".equals(rs.getString(4)), rs.getString(5), extra.contains("auto_increment")));
            }
        }
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        Map<String, Map<String, Index>> indexes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, index_name, non_unique, column_name "
                + "FROM information_schema.statistics WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!columns.containsKey(table)) {
                    continue;
                }
                String index = rs.getString(2);
                if (index.equals("PRIMARY")) {
                    primaryKeys.computeIfAbsent(table, t -> new ArrayList<>()).add(rs.getString(4));
                    continue;
                }
                Map<String, Index> ofTable = indexes.computeIfAbsent(table, t -> new LinkedHashMap<>());
                Index before = ofTable.get(index);
                List<String> cols = new ArrayList<>(before == null ? List.of() : before.columns());
                cols.add(rs.getString(4));
                ofTable.put(index, new Index(index, rs.getInt(3) == 0, cols));
            }
        }
        Map<String, List<ForeignKey>> foreignKeys = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.table_name, k.constraint_name, k.column_name, "
                + "k.referenced_table_name, k.referenced_column_name, r.delete_rule FROM information_schema.key_column_usage k "
                + "JOIN information_schema.referential_constraints r ON r.constraint_schema = k.constraint_schema "
                + "AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name "
                + "WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL "
                + "ORDER BY k.table_name, k.constraint_name, k.ordinal_position");
                ResultSet rs = ps.executeQuery()) {
            Map<String, ForeignKey> byName = new LinkedHashMap<>();
            while (rs.next()) {
                String key = rs.getString(1) + "." + rs.getString(2);
                ForeignKey before = byName.get(key);
                List<String> cols = new ArrayList<>(before == null ? List.of() : before.columns());
                List<String> refs = new ArrayList<>(before == null ? List.of() : before.referencedColumns());
                cols.add(rs.getString(3));
                refs.add(rs.getString(5));
                byName.put(key, new ForeignKey(rs.getString(2), cols, rs.getString(4), refs, rs.getString(6)));
            }
            byName.forEach((key, fk) -> foreignKeys.computeIfAbsent(key.substring(0, key.indexOf('.')), t -> new ArrayList<>()).add(fk));
        }
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, List<Column>> e : columns.entrySet()) {
            String table = e.getKey();
            List<ForeignKey> fks = foreignKeys.getOrDefault(table, List.of());
            // The index InnoDB makes for a foreign key (named after it) belongs to the key, not to the model's indexes.
            List<Index> own = indexes.getOrDefault(table, Map.of()).values().stream()
                    .filter(i -> fks.stream().noneMatch(fk -> fk.name().equals(i.name()) && fk.columns().equals(i.columns()) && !i.unique()))
                    .toList();
            tables.add(new Table(table, e.getValue(), primaryKeys.getOrDefault(table, List.of()), own, fks));
        }
        return new Schema(tables);
    }

    /** Whether {@code table} is the migration tooling's own (Flyway's history, the run marker, the lock, Flask-Migrate's, a probe). */
    public static boolean bookkeeping(String table) {
        return BOOKKEEPING.contains(table) || table.startsWith("catalog_probe_");
    }
}
