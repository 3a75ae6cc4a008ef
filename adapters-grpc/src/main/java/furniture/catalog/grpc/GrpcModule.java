package furniture.catalog.grpc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import furniture.catalog.application.port.out.CatalogRepository;
import furniture.catalog.application.port.out.Transactions;
import furniture.catalog.application.service.CatalogService;
import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.entity.FurnitureType;
import furniture.catalog.domain.entity.Role;
import furniture.catalog.domain.entity.UnitOfMeasure;
import furniture.catalog.domain.entity.WoodType;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.FurnitureTypeServiceGrpc;
import furniture.catalog.v1.RoleServiceGrpc;
import furniture.catalog.v1.UnitOfMeasureServiceGrpc;
import furniture.catalog.v1.WoodTypeServiceGrpc;
import io.grpc.ServerServiceDefinition;
import java.time.Clock;
import java.util.List;

/**
 * Guice: the five catalog services, each bound to its entity's use cases. Needs the out-ports
 * ({@link CatalogRepository}, {@link Transactions}), a {@link Clock}, a {@link TokenSource} and a {@link CallLimiter}
 * (the last interceptor given runs first: the limiter sheds before authentication works).
 */
public final class GrpcModule extends AbstractModule {

    /** The catalog's services, authenticated; reflection and health are added by whoever builds the server. */
    @Provides
    @Singleton
    List<ServerServiceDefinition> catalogServices(CatalogRepository repository, Transactions transactions, Clock clock, TokenSource tokens,
            CallLimiter limiter) {
        AuthInterceptor auth = new AuthInterceptor(tokens);
        return List.of(
                bind(Color.TYPE, ColorServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Color.getDefaultInstance(), repository, transactions, clock, auth, limiter),
                bind(Role.TYPE, RoleServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Role.getDefaultInstance(), repository, transactions, clock, auth, limiter),
                bind(WoodType.TYPE, WoodTypeServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.WoodType.getDefaultInstance(), repository, transactions, clock, auth, limiter),
                bind(UnitOfMeasure.TYPE, UnitOfMeasureServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.UnitOfMeasure.getDefaultInstance(), repository, transactions, clock, auth, limiter),
                bind(FurnitureType.TYPE, FurnitureTypeServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.FurnitureType.getDefaultInstance(), repository, transactions, clock, auth, limiter));
    }

    private static <T extends CatalogEntry> ServerServiceDefinition bind(EntityType<T> type, io.grpc.ServiceDescriptor service,
            com.google.protobuf.Message prototype, CatalogRepository repository, Transactions transactions, Clock clock, AuthInterceptor auth,
            CallLimiter limiter) {
        return io.grpc.ServerInterceptors.intercept(
                ResourceEndpoint.bind(new CatalogService<>(type, repository, transactions, clock), service, prototype), auth, limiter);
    }
}
