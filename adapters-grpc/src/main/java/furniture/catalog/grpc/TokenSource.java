package furniture.catalog.grpc;

/**
 * Where the authentication interceptor finds the callers it knows, read anew on every call so that a reloaded tokens
 * file takes effect for the next call without touching calls in flight.
 */
@FunctionalInterface
public interface TokenSource {
    TokenStore current();

    /** A source that never changes. */
    static TokenSource fixed(TokenStore store) {
        return () -> store;
    }
}
