package furniture.catalog.grpc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import furniture.catalog.application.port.in.CatalogUseCasesByType;
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
import java.util.List;

/**
 * Guice: the five catalog services, each bound to its entity's use cases. Needs the use cases
 * ({@link CatalogUseCasesByType}, which the composition root builds), a {@link TokenSource} and a {@link CallLimiter}
 * (the last interceptor given runs first: the limiter sheds before authentication works).
 */
public final class GrpcModule extends AbstractModule {

    /** The catalog's services, authenticated; reflection and health are added by whoever builds the server. */
    @Provides
    @Singleton
    List<ServerServiceDefinition> catalogServices(CatalogUseCasesByType useCases, TokenSource tokens, CallLimiter limiter) {
        AuthInterceptor auth = new AuthInterceptor(tokens);
        return List.of(
                bind(Color.TYPE, ColorServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Color.getDefaultInstance(), useCases, auth, limiter),
                bind(Role.TYPE, RoleServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Role.getDefaultInstance(), useCases, auth, limiter),
                bind(WoodType.TYPE, WoodTypeServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.WoodType.getDefaultInstance(), useCases, auth, limiter),
                bind(UnitOfMeasure.TYPE, UnitOfMeasureServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.UnitOfMeasure.getDefaultInstance(), useCases, auth, limiter),
                bind(FurnitureType.TYPE, FurnitureTypeServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.FurnitureType.getDefaultInstance(), useCases, auth, limiter));
    }

    private static <T extends CatalogEntry> ServerServiceDefinition bind(EntityType<T> type, io.grpc.ServiceDescriptor service,
            com.google.protobuf.Message prototype, CatalogUseCasesByType useCases, AuthInterceptor auth, CallLimiter limiter) {
        return io.grpc.ServerInterceptors.intercept(ResourceEndpoint.bind(useCases.of(type), service, prototype), auth, limiter);
    }
}
