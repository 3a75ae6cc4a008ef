package furniture.catalog.application.port.out;

/**
 * The store's schema is not the one this build reads and writes (a table or column missing or different: a migration
 * ran, or is running, under a server of another version). Nothing was changed; the call may succeed once the schema
 * and the servers agree again.
 */
public final class SchemaMismatchException extends RuntimeException {
    public SchemaMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
