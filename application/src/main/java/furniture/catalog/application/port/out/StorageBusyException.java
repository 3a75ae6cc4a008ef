package furniture.catalog.application.port.out;

/** The store kept refusing the work for contention (deadlocks, lock waits) after the bounded retries. */
public final class StorageBusyException extends RuntimeException {
    public StorageBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
