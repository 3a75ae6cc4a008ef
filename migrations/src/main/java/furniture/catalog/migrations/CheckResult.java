package furniture.catalog.migrations;

/** The answer of {@code check}: whether the database is exactly at head with valid checksums, and why not. */
public record CheckResult(boolean ok, String message) {}
