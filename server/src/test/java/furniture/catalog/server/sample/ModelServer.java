package furniture.catalog.server.sample;

import furniture.catalog.application.port.in.CatalogUseCasesByType;
import furniture.catalog.application.service.CatalogService;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.grpc.AuthInterceptor;
import furniture.catalog.grpc.GrpcModule;
import furniture.catalog.grpc.TokenSource;
import furniture.catalog.grpc.TokenStore;
import furniture.catalog.persistence.EntityTable;
import furniture.catalog.persistence.Persistence;
import furniture.catalog.persistence.PersistenceSettings;
import furniture.catalog.testkit.TestDatabase;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The generic machinery serving a model other than the product's — given tables and bindings — over Netty on a test
 * database, with reflection and two callers (ed, an editor; ada, an admin): what the composition root does for the
 * catalog, for a test-only entity or a changed one. The admin's principal is "admin", as the generated token's of the
 * embedded default is (so the README's walk-through output is what a newcomer sees).
 */
public final class ModelServer implements AutoCloseable {
    public static final String EDITOR = "ed";
    public static final String ADMIN = "ada";

    private final Persistence persistence;
    private final Server server;
    public final ManagedChannel channel;

    private ModelServer(Persistence persistence, Server server) {
        this.persistence = persistence;
        this.server = server;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    public static ModelServer start(TestDatabase db, List<EntityTable> tables, List<GrpcModule.Binding> bindings) throws Exception {
        Persistence persistence = Persistence.start(PersistenceSettings.of(db.url(), db.user(), db.password()), tables);
        CatalogUseCasesByType useCases = CatalogUseCasesByType.built(type -> new CatalogService<>(type, persistence.repository(),
                persistence.transactions(), Clock.systemUTC()));
        AuthInterceptor auth = new AuthInterceptor(TokenSource.fixed(TokenStore.parse("test", List.of(
                TokenStore.hash(EDITOR) + " ed editor", TokenStore.hash(ADMIN) + " admin admin"))));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ProtoReflectionServiceV1.newInstance());
        List<EntityType<?>> types = tables.stream().<EntityType<?>>map(EntityTable::type).toList();
        GrpcModule.services(types, bindings, useCases).forEach(s -> builder.addService(ServerInterceptors.intercept(s, auth)));
        return new ModelServer(persistence, builder.build().start());
    }

    public int port() {
        return server.getPort();
    }

    /** {@code stub} calling with {@code token}'s bearer token. */
    public static <S extends AbstractStub<S>> S as(S stub, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        persistence.close();
    }
}
