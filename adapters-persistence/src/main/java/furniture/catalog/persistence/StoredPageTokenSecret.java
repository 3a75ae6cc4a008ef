package furniture.catalog.persistence;

import furniture.catalog.application.port.out.PageTokenSecret;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The page-token key, kept in the database the replicas share: the one row of {@value #TABLE} named {@code page_token},
 * 32 random bytes that whichever replica needs it first writes (an INSERT IGNORE, so replicas starting together agree
 * on one; on Galera the loser's write fails certification and it reads the winner's). Read once per process, when the
 * first page token is made or read; the table is created then if it is not there. Anyone who can read the table can
 * read the catalog too; the key only keeps clients from forging tokens.
 */
final class StoredPageTokenSecret implements PageTokenSecret {
    static final String TABLE = "catalog_secret";
    private static final String NAME = "page_token";
    private static final int NO_SUCH_TABLE = 1146;
    private static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private volatile byte[] key;

    StoredPageTokenSecret(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public byte[] key() {
        byte[] known = key;
        if (known == null) {
            synchronized (this) {
                if (key == null) {
                    key = loadOrCreate();
                }
                known = key;
            }
        }
        return known.clone();
    }

    private byte[] loadOrCreate() {
        try {
            return jdbi.withHandle(handle -> {
                for (int attempt = 1; ; attempt++) {
                    Optional<byte[]> stored = read(handle);
                    if (stored.isPresent()) {
                        return stored.get();
                    }
                    byte[] fresh = new byte[32];
                    RANDOM.nextBytes(fresh);
                    try {
                        handle.createUpdate("INSERT IGNORE INTO " + TABLE + " (name, secret) VALUES (:name, :secret)")
                                .bind("name", NAME).bind("secret", fresh).execute();
                    } catch (JdbiException e) {
                        // Another replica's key won (a Galera certification conflict): read it on the next round.
                        if (!StorageErrors.retryable(e) || attempt >= ATTEMPTS) {
                            throw e;
                        }
                    }
                    if (attempt >= ATTEMPTS) {
                        throw new IllegalStateException("the page-token key was written to " + TABLE + " but cannot be read back");
                    }
                }
            });
        } catch (JdbiException e) {
            throw StorageErrors.translate(e);
        }
    }

    private static Optional<byte[]> read(Handle handle) {
        try {
            return select(handle);
        } catch (JdbiException e) {
            if (!(e.getCause() instanceof SQLException s && s.getErrorCode() == NO_SUCH_TABLE)) {
                throw e;
            }
            handle.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "secret VARBINARY(64) NOT NULL) ENGINE=InnoDB");
            return select(handle);
        }
    }

    private static Optional<byte[]> select(Handle handle) {
        return handle.createQuery("SELECT secret FROM " + TABLE + " WHERE name = :name").bind("name", NAME)
                .mapTo(byte[].class).findOne();
    }
}
