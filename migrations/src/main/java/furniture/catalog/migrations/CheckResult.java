package furniture.catalog.migrations;

/**
 * The answer of {@code check}: whether the database is exactly at head with valid checksums, and why not.
 *
 * @param version the version the database is at (0 for base), or -1 when it could not be told
 * @param pending how many migrations of this build are not applied yet, or -1 when it could not be told
 */
public record CheckResult(boolean ok, String message, int version, int pending) {
    public CheckResult(boolean ok, String message) {
        this(ok, message, -1, -1);
    }
}
