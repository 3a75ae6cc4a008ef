package furniture.catalog.migrations;

/**
 * A migration command that cannot be carried out, with a one-line message meant for the person who typed it.
 * {@link Kind#USAGE} is a bad argument (the CLI exits 2); {@link Kind#FAILURE} is everything else (exit 1).
 */
public final class MigrationException extends RuntimeException {
    public enum Kind { USAGE, FAILURE }

    private final Kind kind;

    private MigrationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static MigrationException usage(String message) {
        return new MigrationException(Kind.USAGE, message, null);
    }

    public static MigrationException failure(String message) {
        return new MigrationException(Kind.FAILURE, message, null);
    }

    public static MigrationException failure(String message, Throwable cause) {
        return new MigrationException(Kind.FAILURE, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
