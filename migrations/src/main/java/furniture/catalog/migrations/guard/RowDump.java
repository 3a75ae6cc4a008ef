package furniture.catalog.migrations.guard;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rows written out as SQL that puts them back exactly: INSERTs of whole rows, or, when only some columns' values are
 * lost, INSERT … ON DUPLICATE KEY UPDATE of just those columns, which writes them back into rows that still exist.
 * Values are literals any client reads back the same under the session the backup file sets (UTF-8, UTC).
 */
final class RowDump {
    /** In {@code columns}: write every column back into a row that is there again (rows a DELETE removes). */
    static final String EVERY_COLUMN = "*";

    private RowDump() {}

    /**
     * Writes the rows of {@code table} that {@code where} selects ({@code null}: all; {@code tail}: ORDER BY/LIMIT),
     * whole when {@code columns} is empty, else only so as to restore those columns; returns how many it wrote.
     */
    static long write(Connection connection, String table, String where, String tail, Set<String> columns, String note, Writer out)
            throws SQLException, IOException {
        try (Statement utc = connection.createStatement()) {
            utc.execute("SET time_zone = '+00:00'");
        }
        long rows = 0;
        String select = "SELECT * FROM " + DataGuard.quote(table) + (where == null ? "" : " WHERE " + where)
                + (tail == null || tail.isEmpty() ? "" : " " + tail);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(select)) {
            ResultSetMetaData meta = rs.getMetaData();
            StringBuilder names = new StringBuilder();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.append(i > 1 ? ", " : "").append(DataGuard.quote(meta.getColumnName(i)));
            }
            java.util.List<String> restored = new java.util.ArrayList<>(columns);
            if (columns.contains(EVERY_COLUMN)) {
                restored.clear();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    restored.add(meta.getColumnName(i));
                }
            }
            String update = restored.stream().map(c -> DataGuard.quote(c) + " = VALUES(" + DataGuard.quote(c) + ")")
                    .collect(Collectors.joining(", "));
            out.write("-- " + note + "\n");
            while (rs.next()) {
                StringBuilder values = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.append(i > 1 ? ", " : "").append(literal(rs, i, meta.getColumnType(i)));
                }
                out.write("INSERT INTO " + DataGuard.quote(table) + " (" + names + ") VALUES (" + values + ")"
                        + (columns.isEmpty() ? "" : " ON DUPLICATE KEY UPDATE " + update) + ";\n");
                rows++;
            }
        }
        return rows;
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
}
