package furniture.catalog.migrations.parse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server a script is analysed for: which executable comments it runs, and which of Flyway's parsers splits for it.
 *
 * <p>Measured on MariaDB 10.11.19: {@code /*!NNNNN … *}{@code /} with five digits runs only below 50700 (MariaDB
 * answers to MySQL 5.7-only syntax by skipping it), six digits and {@code /*M!NNNNNN} when the number is at most the
 * server's own (101119); without a number, always. MySQL runs {@code /*!NNNNN} up to its own version and never
 * {@code /*M!}.
 *
 * @param number the version as the comments write it: major * 10000 + minor * 100 + patch (MariaDB 10.11.19 is 101119)
 */
public record ServerVersion(boolean mariaDb, int number) {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final int MARIADB_MYSQL_COMPAT_BELOW = 50700;

    /**
     * What lint assumes without a database: the oldest server the project supports (MariaDB 10.11.0), so that a comment
     * for a newer one is read as skipped, as that server would.
     */
    public static final ServerVersion OFFLINE = new ServerVersion(true, 101100);

    public static ServerVersion of(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return parse(rs.getString(1));
        }
    }

    /** From {@code SELECT VERSION()}: "10.11.19-MariaDB-0+deb12u1", "8.0.36". */
    public static ServerVersion parse(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return OFFLINE;
        }
        return new ServerVersion(version.toLowerCase(Locale.ROOT).contains("mariadb"),
                Integer.parseInt(m.group(1)) * 10000 + Integer.parseInt(m.group(2)) * 100 + Integer.parseInt(m.group(3)));
    }

    /** Whether an executable comment ({@code /*!}, or {@code /*M!} when {@code mariaDbOnly}) with {@code digits} runs. */
    public boolean runs(boolean mariaDbOnly, String digits) {
        if (mariaDbOnly && !mariaDb) {
            return false;
        }
        if (digits == null || digits.isEmpty()) {
            return true;
        }
        int wanted = Integer.parseInt(digits);
        if (mariaDb && !mariaDbOnly && digits.length() == 5) {
            return wanted < MARIADB_MYSQL_COMPAT_BELOW;
        }
        return wanted <= number;
    }

    @Override
    public String toString() {
        return (mariaDb ? "MariaDB " : "MySQL ") + number / 10000 + "." + number / 100 % 100 + "." + number % 100;
    }
}
