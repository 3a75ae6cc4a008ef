package furniture.catalog.migrations.schema;

import java.util.Locale;

/**
 * One column: its name, type, nullability and default, and whether it is the table's AUTO_INCREMENT key.
 *
 * @param defaultValue the default as SQL ({@code 1}, {@code 'x'}, {@code CURRENT_TIMESTAMP}); null for none
 */
public record Column(String name, SqlType type, boolean nullable, String defaultValue, boolean autoIncrement) {

    public Column {
        defaultValue = normalizeDefault(defaultValue);
    }

    public static Column of(String name, String type, boolean nullable, String defaultValue) {
        return new Column(name, SqlType.parse(type), nullable, defaultValue, false);
    }

    /** The column as CREATE TABLE and ADD/MODIFY COLUMN write it. */
    public String definition() {
        StringBuilder s = new StringBuilder(name).append(' ').append(type).append(nullable ? " NULL" : " NOT NULL");
        if (defaultValue != null) {
            s.append(" DEFAULT ").append(defaultValue);
        }
        if (autoIncrement) {
            s.append(" AUTO_INCREMENT");
        }
        return s.toString();
    }

    /** The server's spellings of a default brought to one form: NULL is none, current_timestamp() is CURRENT_TIMESTAMP. */
    static String normalizeDefault(String value) {
        if (value == null || value.equalsIgnoreCase("NULL")) {
            return null;
        }
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("current_timestamp()") || lower.equals("current_timestamp") || lower.equals("now()")) {
            return "CURRENT_TIMESTAMP";
        }
        return v;
    }
}
