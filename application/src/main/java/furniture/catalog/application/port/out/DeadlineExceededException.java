package furniture.catalog.application.port.out;

/** The caller's deadline passed before the work could finish; whatever was started was rolled back. */
public final class DeadlineExceededException extends RuntimeException {
    public DeadlineExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
