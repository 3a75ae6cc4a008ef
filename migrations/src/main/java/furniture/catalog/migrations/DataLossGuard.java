package furniture.catalog.migrations;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds what a downgrade script would destroy (tables it drops, columns it drops) and how many rows hold data there,
 * and writes those rows out as SQL INSERTs before they go.
 */
final class DataLossGuard {
    private static final Pattern DROP_TABLE = Pattern.compile("(?is)^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(.+?)(?:\\s+(?:RESTRICT|CASCADE))?$");
    private static final Pattern ALTER_TABLE = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+(\\S+)\\s+(.+)$");
    private static final Pattern DROP_COLUMN = Pattern.compile("(?is)^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(\\S+)$");
    private static final Pattern INDEX_ON = Pattern.compile("(?is)^(?:CREATE|DROP)\\s+(?:UNIQUE\\s+)?INDEX\\s+\\S+\\s+ON\\s+(\\S+)");
    private static final Set<String> NOT_COLUMNS = Set.of("INDEX", "KEY", "PRIMARY", "FOREIGN", "CONSTRAINT", "CHECK", "PARTITION", "UNIQUE");

    /** Data a step would lose: a whole table ({@code column} null) or one column. */
    record Loss(int version, String table, String column, long rows) {
        String describe() {
            return (column == null ? "table " + table : "column " + table + "." + column) + " (" + MigrationContext.rows(rows) + ")";
        }
    }

    private final Connection connection;

    DataLossGuard(Connection connection) {
        this.connection = connection;
    }

    /** What running these downgrade statements would lose; only places that hold data are listed. */
    List<Loss> losses(int version, List<String> statements) throws SQLException {
        List<Loss> losses = new ArrayList<>();
        SchemaHistory schema = new SchemaHistory(connection);
        for (String statement : statements) {
            Matcher drop = DROP_TABLE.matcher(statement);
            if (drop.matches()) {
                for (String table : drop.group(1).split(",")) {
                    String name = unquote(table);
                    if (schema.tableExists(name)) {
                        long rows = count("SELECT COUNT(*) FROM `" + name + "`");
                        if (rows > 0) {
                            losses.add(new Loss(version, name, null, rows));
                        }
                    }
                }
                continue;
            }
            Matcher alter = ALTER_TABLE.matcher(statement);
            if (alter.matches()) {
                String table = unquote(alter.group(1));
                for (String clause : topLevelClauses(alter.group(2))) {
                    Matcher column = DROP_COLUMN.matcher(clause.strip());
                    if (column.matches() && !NOT_COLUMNS.contains(column.group(1).toUpperCase(Locale.ROOT))
                            && columnExists(table, unquote(column.group(1)))) {
                        String name = unquote(column.group(1));
                        long rows = count("SELECT COUNT(*) FROM `" + table + "` WHERE `" + name + "` IS NOT NULL");
                        if (rows > 0) {
                            losses.add(new Loss(version, table, name, rows));
                        }
                    }
                }
            }
        }
        return losses;
    }

    /**
     * Writes the rows of {@code table} so that they restore exactly: a dropped table's rows as INSERTs; when only
     * {@code lostColumns} go, the rows holding a value in one of them, as INSERTs that write just those columns back
     * into rows that still exist. Timestamps are read
     * and written in UTC.
     */
    void backup(String table, Set<String> lostColumns, Writer out) throws SQLException, IOException {
        try (Statement utc = connection.createStatement()) {
            utc.execute("SET time_zone = '+00:00'");
        }
        // Only rows that hold a value a dropped column loses: a NULL written back would change nothing, and the count
        // restored is then the count the guard reported.
        String holding = lostColumns.isEmpty() ? "" : " WHERE " + lostColumns.stream().map(c -> "`" + c + "` IS NOT NULL")
                .collect(Collectors.joining(" OR "));
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "`" + holding)) {
            ResultSetMetaData meta = rs.getMetaData();
            StringBuilder columns = new StringBuilder();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.append(i > 1 ? ", " : "").append('`').append(meta.getColumnName(i)).append('`');
            }
            String update = lostColumns.stream().map(c -> "`" + c + "` = VALUES(`" + c + "`)").collect(Collectors.joining(", "));
            out.write(lostColumns.isEmpty() ? "-- rows of table `" + table + "`\n"
                    : "-- values of " + lostColumns.stream().map(c -> "`" + table + "`.`" + c + "`").collect(Collectors.joining(", "))
                            + ", written back into their rows\n");
            while (rs.next()) {
                StringBuilder values = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.append(i > 1 ? ", " : "").append(literal(rs, i, meta.getColumnType(i)));
                }
                out.write("INSERT INTO `" + table + "` (" + columns + ") VALUES (" + values + ")"
                        + (lostColumns.isEmpty() ? "" : " ON DUPLICATE KEY UPDATE " + update) + ";\n");
            }
        }
    }

    /** The tables the statements change (dropped, altered, indexed), as far as they name them; existing ones only. */
    Set<String> tablesTouched(List<String> statements) throws SQLException {
        SchemaHistory schema = new SchemaHistory(connection);
        Set<String> tables = new LinkedHashSet<>();
        for (String statement : statements) {
            Matcher drop = DROP_TABLE.matcher(statement);
            if (drop.matches()) {
                for (String table : drop.group(1).split(",")) {
                    tables.add(unquote(table));
                }
            }
            Matcher alter = ALTER_TABLE.matcher(statement);
            if (alter.matches()) {
                tables.add(unquote(alter.group(1)));
            }
            Matcher on = INDEX_ON.matcher(statement);
            if (on.find()) {
                tables.add(unquote(on.group(1)));
            }
        }
        tables.removeIf(t -> {
            try {
                return !schema.tableExists(t);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return tables;
    }

    /** A value as a SQL literal that any client reads back the same, with the session the backup file sets. */
    private static String literal(ResultSet rs, int column, int type) throws SQLException {
        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB) {
            byte[] bytes = rs.getBytes(column);
            if (bytes == null) {
                return "NULL";
            }
            StringBuilder hex = new StringBuilder("X'");
            for (byte b : bytes) {
                hex.append(String.format("%02x", b));
            }
            return hex.append('\'').toString();
        }
        String value = rs.getString(column);
        if (value == null) {
            return "NULL";
        }
        if (type == Types.BIT || type == Types.BOOLEAN) {
            return rs.getBoolean(column) ? "1" : "0";
        }
        StringBuilder quoted = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\'' -> quoted.append("''");
                case '\\' -> quoted.append("\\\\");
                case '\0' -> quoted.append("\\0");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\u001a' -> quoted.append("\\Z");
                default -> quoted.append(c);
            }
        }
        return quoted.append('\'').toString();
    }

    /** Whether the column is there: a statement that drops one that is not will fail by itself, losing nothing. */
    private boolean columnExists(String table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String unquote(String identifier) {
        String s = identifier.strip();
        int dot = s.lastIndexOf('.');
        if (dot >= 0) {
            s = s.substring(dot + 1);
        }
        return s.replace("`", "");
    }

    private static List<String> topLevelClauses(String spec) {
        List<String> clauses = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : spec.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                clauses.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        clauses.add(current.toString());
        return clauses;
    }

    static Set<String> tablesOf(List<Loss> losses) {
        Set<String> tables = new LinkedHashSet<>();
        losses.forEach(l -> tables.add(l.table()));
        return tables;
    }
}
