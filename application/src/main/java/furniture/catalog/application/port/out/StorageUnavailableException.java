package furniture.catalog.application.port.out;

/** The store cannot be reached (connection refused, pool exhausted): nothing was changed; try again later. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
