package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Empty to version 5 gives exactly the seed's five tables, read back from information_schema. */
@CatalogDatabase
class SeedSchemaTest {
    private static final List<String> AUDIT = List.of(
            "active boolean NOT NULL",
            "created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP",
            "updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP",
            "deleted_at timestamp NULL",
            "created_by varchar(100) NULL",
            "updated_by varchar(100) NULL",
            "deleted_by varchar(100) NULL");

    /** The seed document's migrations 1-5, column for column, in order. */
    private static final Map<String, List<String>> SEED = new LinkedHashMap<>();

    static {
        seed("colors", "id_color int NOT NULL AUTO_INCREMENT", "name varchar(50) NOT NULL");
        seed("roles", "id_role int NOT NULL AUTO_INCREMENT", "name varchar(50) NOT NULL");
        seed("wood_types", "id_wood_type int NOT NULL AUTO_INCREMENT", "name varchar(100) NOT NULL", "description varchar(255) NULL");
        seed("unit_of_measures", "id_unit_of_measure int NOT NULL AUTO_INCREMENT", "name varchar(50) NOT NULL", "abbreviation varchar(10) NOT NULL");
        seed("furniture_type", "id_furniture_type int NOT NULL AUTO_INCREMENT", "name varchar(50) NOT NULL");
    }

    private static void seed(String table, String... own) {
        List<String> columns = new ArrayList<>(List.of(own));
        columns.addAll(AUDIT);
        SEED.put(table, columns);
    }

    @BeforeAll
    static void upgradeToHead(TestDatabase db, @TempDir Path backups) {
        Engines.upgrade(Engines.engine(db, backups), "5");
    }

    @Test
    void everyTableHasTheSeedsColumnsInOrderWithTypesNullabilityAndDefaults(TestDatabase db) throws SQLException {
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (String table : SEED.keySet()) {
            actual.put(table, describeColumns(db, table));
        }
        assertEquals(SEED, actual);
    }

    @Test
    void primaryKeysAndUniqueConstraintsAreTheSeeds(TestDatabase db) throws SQLException {
        List<String> expected = List.of(
                "colors PRIMARY unique (id_color)", "colors name unique (name)",
                "furniture_type PRIMARY unique (id_furniture_type)", "furniture_type name unique (name)",
                "roles PRIMARY unique (id_role)", "roles name unique (name)",
                "unit_of_measures PRIMARY unique (id_unit_of_measure)", "unit_of_measures abbreviation unique (abbreviation)",
                "unit_of_measures name unique (name)",
                "wood_types PRIMARY unique (id_wood_type)", "wood_types name unique (name)");
        assertEquals(expected.stream().sorted().toList(), describeIndexes(db));
    }

    @Test
    void everyTableIsInnoDbInUtf8mb4WhateverTheServersDefault(TestDatabase db) throws SQLException {
        List<String> expected = SEED.keySet().stream().sorted().map(t -> t + " InnoDB utf8mb4").toList();
        List<String> actual = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT t.table_name, t.engine, c.character_set_name FROM information_schema.tables t "
                        + "JOIN information_schema.collation_character_set_applicability c ON c.collation_name = t.table_collation "
                        + "WHERE t.table_schema = ? AND t.table_name NOT IN ('flyway_schema_history', 'catalog_migration_run', 'catalog_migration_lock') ORDER BY t.table_name")) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actual.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void fourByteCharactersStoreAndReadBackIntact(TestDatabase db) throws SQLException {
        String name = "🪑".repeat(50);
        db.execute("INSERT INTO colors (name, active) VALUES ('" + name + "', 1)");
        try (Connection c = db.connect(); var rs = c.createStatement().executeQuery("SELECT name FROM colors")) {
            rs.next();
            assertEquals(name, rs.getString(1));
        }
    }

    /** "name varchar(50) NOT NULL", normalised so MySQL's and MariaDB's spellings compare equal. */
    private static List<String> describeColumns(TestDatabase db, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT column_name, data_type, character_maximum_length, column_type, is_nullable, column_default, extra "
                        + "FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, db.name());
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    if (rs.getString(4).equals("tinyint(1)")) {
                        type = "boolean";
                    } else if (rs.getObject(3) != null) {
                        type += "(" + rs.getLong(3) + ")";
                    }
                    StringBuilder column = new StringBuilder(rs.getString(1) + " " + type);
                    column.append(rs.getString(5).equals("YES") ? " NULL" : " NOT NULL");
                    String dflt = rs.getString(6);
                    if (dflt != null && dflt.toLowerCase().startsWith("current_timestamp")) {
                        column.append(" DEFAULT CURRENT_TIMESTAMP");
                    } else if (dflt != null && !dflt.equals("NULL")) {
                        column.append(" DEFAULT ").append(dflt);
                    }
                    if (rs.getString(7).contains("auto_increment")) {
                        column.append(" AUTO_INCREMENT");
                    }
                    if (rs.getString(7).toLowerCase().contains("on update")) {
                        column.append(" ON UPDATE");
                    }
                    columns.add(column.toString());
                }
            }
        }
        return columns;
    }

    private static List<String> describeIndexes(TestDatabase db) throws SQLException {
        Map<String, String> indexes = new LinkedHashMap<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT table_name, index_name, non_unique, column_name FROM information_schema.statistics "
                        + "WHERE table_schema = ? AND table_name NOT IN ('flyway_schema_history', 'catalog_migration_run', 'catalog_migration_lock') ORDER BY table_name, index_name, seq_in_index")) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1) + " " + rs.getString(2) + (rs.getInt(3) == 0 ? " unique" : " non-unique");
                    indexes.merge(key, rs.getString(4), (a, b) -> a + ", " + b);
                }
            }
        }
        return indexes.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").sorted().toList();
    }
}
