package furniture.catalog.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.rpc.ErrorInfo;
import furniture.catalog.application.fake.InMemoryCatalog;
import furniture.catalog.application.port.in.CatalogUseCasesByType;
import furniture.catalog.application.service.CatalogService;
import furniture.catalog.domain.entity.Catalog;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.CreateUnitOfMeasureRequest;
import furniture.catalog.v1.DeleteColorRequest;
import furniture.catalog.v1.GetColorRequest;
import furniture.catalog.v1.ListColorsRequest;
import furniture.catalog.v1.ListColorsResponse;
import furniture.catalog.v1.UnitOfMeasure;
import furniture.catalog.v1.UnitOfMeasureServiceGrpc;
import furniture.catalog.v1.UpdateColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC services in-process, through the typed stubs a client writes, on the real use cases over the in-memory
 * fake of the out-ports: the mapping of requests, resources and errors, in milliseconds. The same over Netty on
 * MariaDB is CatalogServicesEndToEndTest in the server.
 */
class InProcessServicesTest {
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        InMemoryCatalog store = new InMemoryCatalog();
        CatalogUseCasesByType useCases = CatalogUseCasesByType.built(type -> new CatalogService<>(type, store, store, store, Clock.systemUTC()));
        TokenStore tokens = TokenStore.parse("test", List.of(TokenStore.hash("ed") + " ed editor", TokenStore.hash("rita") + " rita reader"));
        AuthInterceptor auth = new AuthInterceptor(TokenSource.fixed(tokens));
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
        GrpcModule.services(Catalog.TYPES, GrpcModule.BINDINGS, useCases).forEach(s -> builder.addService(ServerInterceptors.intercept(s, auth)));
        server = builder.build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    private ColorServiceGrpc.ColorServiceBlockingStub colors(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return ColorServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void aColorsLifeThroughTheTypedStub() {
        Color created = colors("ed").createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Walnut")).build());
        assertTrue(created.getId() > 0);
        assertEquals("ed", created.getCreatedBy());
        assertTrue(created.getActive());
        assertEquals("1", created.getEtag());
        assertEquals(created, colors("rita").getColor(GetColorRequest.newBuilder().setId(created.getId()).build()));

        Color renamed = colors("ed").updateColor(UpdateColorRequest.newBuilder()
                .setColor(Color.newBuilder().setId(created.getId()).setName("Oak").setEtag(created.getEtag()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build());
        assertEquals("Oak", renamed.getName());
        StatusRuntimeException stale = assertThrows(StatusRuntimeException.class, () -> colors("ed").updateColor(UpdateColorRequest.newBuilder()
                .setColor(Color.newBuilder().setId(created.getId()).setName("Ash").setEtag(created.getEtag()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build()));
        assertEquals(Status.Code.ABORTED, stale.getStatus().getCode());
        assertEquals("STALE_ETAG", reason(stale));

        Color deleted = colors("ed").deleteColor(DeleteColorRequest.newBuilder().setId(created.getId()).build());
        assertTrue(deleted.hasDeleteTime());
        ListColorsResponse live = colors("rita").listColors(ListColorsRequest.getDefaultInstance());
        assertEquals(List.of(), live.getColorsList());
        assertEquals(1, colors("rita").listColors(ListColorsRequest.newBuilder().setShowDeleted(true).build()).getColorsCount());
    }

    @Test
    void errorsArePreciseStatuses() {
        StatusRuntimeException notFound = assertThrows(StatusRuntimeException.class,
                () -> colors("rita").getColor(GetColorRequest.newBuilder().setId(42).build()));
        assertEquals(Status.Code.NOT_FOUND, notFound.getStatus().getCode());
        StatusRuntimeException readerWrites = assertThrows(StatusRuntimeException.class,
                () -> colors("rita").createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Elm")).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, readerWrites.getStatus().getCode());
        StatusRuntimeException blank = assertThrows(StatusRuntimeException.class,
                () -> colors("ed").createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("  ")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, blank.getStatus().getCode());
        colors("ed").createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Elm")).build());
        StatusRuntimeException taken = assertThrows(StatusRuntimeException.class,
                () -> colors("ed").createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("ELM")).build()));
        assertEquals(Status.Code.ALREADY_EXISTS, taken.getStatus().getCode());
        StatusRuntimeException noToken = assertThrows(StatusRuntimeException.class,
                () -> ColorServiceGrpc.newBlockingStub(channel).getColor(GetColorRequest.newBuilder().setId(1).build()));
        assertEquals(Status.Code.UNAUTHENTICATED, noToken.getStatus().getCode());
    }

    @Test
    void anotherEntityThroughItsOwnStub() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer ed");
        UnitOfMeasure meter = UnitOfMeasureServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .createUnitOfMeasure(CreateUnitOfMeasureRequest.newBuilder()
                        .setUnitOfMeasure(UnitOfMeasure.newBuilder().setName("meter").setAbbreviation("m")).build());
        assertEquals("m", meter.getAbbreviation());
        assertFalse(meter.hasDeleteTime());
    }

    private static String reason(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        return status.getDetailsList().stream().filter(a -> a.is(ErrorInfo.class)).map(a -> {
            try {
                return a.unpack(ErrorInfo.class).getReason();
            } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                throw new IllegalStateException(ex);
            }
        }).findFirst().orElse("");
    }
}
