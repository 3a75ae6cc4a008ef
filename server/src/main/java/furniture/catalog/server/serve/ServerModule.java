package furniture.catalog.server.serve;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import furniture.catalog.application.port.in.CatalogUseCasesByType;
import furniture.catalog.application.port.out.CatalogRepository;
import furniture.catalog.application.port.out.PageTokenSecret;
import furniture.catalog.application.port.out.Transactions;
import furniture.catalog.application.service.CatalogService;
import furniture.catalog.grpc.CallLimiter;
import furniture.catalog.grpc.GrpcModule;
import furniture.catalog.grpc.TokenSource;
import furniture.catalog.persistence.PersistenceModule;
import furniture.catalog.persistence.PersistenceSettings;
import java.time.Clock;

/** The composition root: configuration in, the use cases built on the out-ports, the adapters' modules assembled. */
final class ServerModule extends AbstractModule {
    private final PersistenceSettings persistence;
    private final TokenSource tokens;
    private final CallLimiter limiter;

    ServerModule(PersistenceSettings persistence, TokenSource tokens, CallLimiter limiter) {
        this.persistence = persistence;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    @Override
    protected void configure() {
        bind(PersistenceSettings.class).toInstance(persistence);
        bind(TokenSource.class).toInstance(tokens);
        bind(CallLimiter.class).toInstance(limiter);
        bind(Clock.class).toInstance(Clock.systemUTC());
        install(new PersistenceModule());
        install(new GrpcModule());
    }

    /** The application's use cases, one service per entity type, on the persistence adapter's out-ports. */
    @Provides
    @Singleton
    CatalogUseCasesByType useCases(CatalogRepository repository, Transactions transactions, PageTokenSecret secret, Clock clock) {
        return CatalogUseCasesByType.built(type -> new CatalogService<>(type, repository, transactions, secret, clock));
    }
}
