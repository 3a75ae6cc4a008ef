package furniture.catalog.grpc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import furniture.catalog.application.port.in.CatalogUseCasesByType;
import furniture.catalog.domain.entity.Catalog;
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
import com.google.protobuf.Message;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import java.util.List;

/**
 * Guice: the five catalog services, each bound to its entity's use cases. Needs the use cases
 * ({@link CatalogUseCasesByType}, which the composition root builds), a {@link TokenSource} and a {@link CallLimiter}
 * (the last interceptor given runs first: the limiter sheds before authentication works).
 */
public final class GrpcModule extends AbstractModule {

    /**
     * Where each RPC lands: the service of each entity type and its resource message. Every service is served by
     * {@link ResourceEndpoint} (GetColor → {@code ResourceEndpoint.dispatch}, case "Get" → {@code CatalogUseCases.get}),
     * after {@link BindingCheck} has checked each field it touches.
     */
    public record Binding(EntityType<?> type, ServiceDescriptor service, Message resource) {}

    /** The product's bindings, one per entity type of the catalog. */
    public static final List<Binding> BINDINGS = List.of(
            new Binding(Color.TYPE, ColorServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Color.getDefaultInstance()),
            new Binding(Role.TYPE, RoleServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.Role.getDefaultInstance()),
            new Binding(WoodType.TYPE, WoodTypeServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.WoodType.getDefaultInstance()),
            new Binding(UnitOfMeasure.TYPE, UnitOfMeasureServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.UnitOfMeasure.getDefaultInstance()),
            new Binding(FurnitureType.TYPE, FurnitureTypeServiceGrpc.getServiceDescriptor(), furniture.catalog.v1.FurnitureType.getDefaultInstance()));

    /** The catalog's services, authenticated; reflection and health are added by whoever builds the server. */
    @Provides
    @Singleton
    List<ServerServiceDefinition> catalogServices(CatalogUseCasesByType useCases, TokenSource tokens, CallLimiter limiter) {
        AuthInterceptor auth = new AuthInterceptor(tokens);
        return services(Catalog.TYPES, BINDINGS, useCases).stream()
                .map(definition -> ServerInterceptors.intercept(definition, auth, limiter)).toList();
    }

    /**
     * The service definitions of {@code bindings}, after checking that each of the {@code declared} entity types has
     * exactly one, and (in {@link ResourceEndpoint#bind}) that each binding's messages fit its entity. One line naming
     * the mismatch otherwise ({@link IllegalStateException}).
     */
    public static List<ServerServiceDefinition> services(List<EntityType<?>> declared, List<Binding> bindings, CatalogUseCasesByType useCases) {
        for (EntityType<?> type : declared) {
            long bound = bindings.stream().filter(b -> b.type().equals(type)).count();
            if (bound != 1) {
                throw new IllegalStateException("the " + type.name() + " has " + (bound == 0 ? "no gRPC service" : bound + " gRPC services")
                        + ": bind it once in GrpcModule.BINDINGS");
            }
        }
        for (Binding b : bindings) {
            if (!declared.contains(b.type())) {
                throw new IllegalStateException(b.service().getName() + " serves the " + b.type().name()
                        + ", which is not among the catalog's entity types (Catalog.TYPES)");
            }
        }
        return bindings.stream().map(b -> bind(b.type(), b, useCases)).toList();
    }

    private static <T extends CatalogEntry> ServerServiceDefinition bind(EntityType<T> type, Binding binding, CatalogUseCasesByType useCases) {
        return ResourceEndpoint.bind(useCases.of(type), binding.service(), binding.resource());
    }
}
