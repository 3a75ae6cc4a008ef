package furniture.catalog.application.port.out;

/**
 * The secret key that seals page tokens (HMAC-SHA256), so that a client cannot forge or alter one. Every replica serving
 * the same records must have the same key: a token one replica gave must be good at the next. The persistence adapter
 * keeps it in the database the replicas share.
 */
public interface PageTokenSecret {
    /** At least 32 random bytes; the same on every call. May throw {@link StorageUnavailableException}. */
    byte[] key();
}
