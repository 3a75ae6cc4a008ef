package furniture.catalog.persistence;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import furniture.catalog.application.port.out.CatalogRepository;
import furniture.catalog.application.port.out.PageTokenSecret;
import furniture.catalog.application.port.out.Transactions;

/** Guice: the persistence adapter's out-ports, on one pool. Needs a {@link PersistenceSettings} binding. */
public final class PersistenceModule extends AbstractModule {
    @Provides
    @Singleton
    Persistence persistence(PersistenceSettings settings) {
        return Persistence.start(settings);
    }

    @Provides
    @Singleton
    CatalogRepository repository(Persistence persistence) {
        return persistence.repository();
    }

    @Provides
    @Singleton
    PageTokenSecret pageTokenSecret(Persistence persistence) {
        return persistence.pageTokenSecret();
    }

    @Provides
    @Singleton
    Transactions transactions(Persistence persistence) {
        return persistence.transactions();
    }
}
