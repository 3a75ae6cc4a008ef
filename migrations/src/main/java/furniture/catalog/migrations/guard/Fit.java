package furniture.catalog.migrations.guard;

import furniture.catalog.migrations.schema.SqlType;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * Which values of a column a narrower type would not hold as they are: a SQL condition on the column, true for each
 * such value. Empty when no condition can tell (a change of kind the rules below do not know): then every value counts.
 */
final class Fit {
    private static final Map<String, Integer> TEXT_BYTES = Map.of("TINYTEXT", 255, "TEXT", 65_535, "MEDIUMTEXT", 16_777_215);
    private static final Map<String, Integer> INTEGER_BITS = Map.of("TINYINT", 8, "SMALLINT", 16, "MEDIUMINT", 24, "INT", 32, "BIGINT", 64);

    private Fit() {}

    /** The condition on {@code column} (already quoted) for values {@code type} does not hold. */
    static Optional<String> doesNotFit(String column, SqlType type) {
        String name = type.name();
        if (name.equals("VARCHAR") || name.equals("CHAR")) {
            return Optional.of("CHAR_LENGTH(" + column + ") > " + type.length());
        }
        if (TEXT_BYTES.containsKey(name)) {
            return Optional.of("LENGTH(" + column + ") > " + TEXT_BYTES.get(name));
        }
        if (INTEGER_BITS.containsKey(name) || name.equals("BOOL")) {
            int bits = name.equals("BOOL") ? 8 : INTEGER_BITS.get(name);
            BigInteger min = type.unsigned() ? BigInteger.ZERO : BigInteger.TWO.pow(bits - 1).negate();
            BigInteger max = type.unsigned() ? BigInteger.TWO.pow(bits).subtract(BigInteger.ONE) : BigInteger.TWO.pow(bits - 1).subtract(BigInteger.ONE);
            return Optional.of("NOT (CAST(" + column + " AS CHAR) REGEXP '^[+-]?[0-9]+$' AND CAST(" + column + " AS DECIMAL(65,0)) BETWEEN "
                    + min + " AND " + max + ")");
        }
        if (name.equals("DECIMAL")) {
            String exact = "CAST(" + column + " AS DECIMAL(65,30))";
            return Optional.of("NOT (CAST(" + column + " AS CHAR) REGEXP '^[+-]?[0-9]*[.]?[0-9]+$' AND " + exact + " = ROUND(" + exact + ", "
                    + type.scale() + ") AND ABS(" + exact + ") < POW(10, " + (type.length() - type.scale()) + ")"
                    + (type.unsigned() ? " AND " + exact + " >= 0" : "") + ")");
        }
        return Optional.empty();
    }
}
