package furniture.catalog.migrations.schema;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's SQL type, written the way a declaration writes it ({@code VARCHAR(50)}, {@code INT UNSIGNED},
 * {@code DECIMAL(10,2)}, {@code BOOL}) and read back from {@code information_schema.columns.column_type} in the same
 * form: integer display widths ({@code int(11)}) are dropped, and {@code tinyint(1)} is BOOL, as MariaDB and MySQL
 * store it.
 *
 * @param name upper case: VARCHAR, CHAR, TEXT, INT, BIGINT, SMALLINT, TINYINT, DECIMAL, BOOL, TIMESTAMP, DATETIME, DATE…
 * @param length characters (VARCHAR, CHAR), precision (DECIMAL) or fractional digits (TIMESTAMP, DATETIME); null when none
 * @param scale DECIMAL's digits after the point; null otherwise
 */
public record SqlType(String name, Integer length, Integer scale, boolean unsigned) {
    private static final Pattern FORM = Pattern.compile("\\s*(\\w+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(unsigned)?\\s*(zerofill)?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT");
    private static final Set<String> KNOWN = Set.of("VARCHAR", "CHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "TINYINT",
            "SMALLINT", "MEDIUMINT", "INT", "BIGINT", "DECIMAL", "BOOL", "TIMESTAMP", "DATETIME", "DATE", "TIME", "DOUBLE", "FLOAT",
            "BLOB", "VARBINARY", "BINARY", "JSON", "ENUM");

    /** Parses a declaration's or the server's form; fails with a message naming the form it cannot read. */
    public static SqlType parse(String form) {
        Matcher m = FORM.matcher(form);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + form + "' is not a SQL type this project declares (e.g. VARCHAR(50), "
                    + "INT UNSIGNED, DECIMAL(10,2), BOOL, TIMESTAMP)");
        }
        String name = m.group(1).toUpperCase(Locale.ROOT);
        Integer length = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        boolean unsigned = m.group(4) != null;
        if (name.equals("INTEGER")) {
            name = "INT";
        }
        if (name.equals("BOOLEAN") || name.equals("TINYINT") && Integer.valueOf(1).equals(length) && !unsigned) {
            return new SqlType("BOOL", null, null, false);
        }
        if (name.equals("NUMERIC")) {
            name = "DECIMAL";
        }
        if (!KNOWN.contains(name)) {
            throw new IllegalArgumentException("'" + form + "' is not a SQL type this project declares (e.g. VARCHAR(50), "
                    + "INT UNSIGNED, DECIMAL(10,2), BOOL, TIMESTAMP)");
        }
        if (INTEGERS.contains(name)) {
            length = null; // a display width, not a size
        }
        if ((name.equals("VARCHAR") || name.equals("CHAR")) && length == null) {
            if (name.equals("VARCHAR")) {
                throw new IllegalArgumentException("'" + form + "': VARCHAR needs a length, e.g. VARCHAR(50)");
            }
            length = 1;
        }
        if (name.equals("DECIMAL")) {
            length = length == null ? 10 : length;
            scale = scale == null ? 0 : scale;
        }
        if ((name.equals("TIMESTAMP") || name.equals("DATETIME") || name.equals("TIME")) && Integer.valueOf(0).equals(length)) {
            length = null;
        }
        return new SqlType(name, length, scale, unsigned);
    }

    /** Whether a value of {@code other} always fits this type: same kind, at least as long (for checking drift). */
    public boolean holds(SqlType other) {
        if (equals(other)) {
            return true;
        }
        if (!name.equals(other.name) || unsigned != other.unsigned) {
            return false;
        }
        if (name.equals("DECIMAL")) {
            return length - scale >= other.length - other.scale && scale >= other.scale;
        }
        return length != null && other.length != null && length >= other.length;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name);
        if (length != null) {
            s.append('(').append(length);
            if (scale != null) {
                s.append(',').append(scale);
            }
            s.append(')');
        }
        if (unsigned) {
            s.append(" UNSIGNED");
        }
        return s.toString();
    }
}
