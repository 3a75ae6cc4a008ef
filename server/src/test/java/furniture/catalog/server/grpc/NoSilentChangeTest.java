package furniture.catalog.server.grpc;

import static furniture.catalog.server.grpc.TestCatalogServer.ADMIN;
import static furniture.catalog.server.grpc.TestCatalogServer.EDITOR;
import static furniture.catalog.server.grpc.TestCatalogServer.READER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.CreateWoodTypeRequest;
import furniture.catalog.v1.DeleteColorRequest;
import furniture.catalog.v1.ListColorsRequest;
import furniture.catalog.v1.ListColorsResponse;
import furniture.catalog.v1.PurgeColorRequest;
import furniture.catalog.v1.UpdateWoodTypeRequest;
import furniture.catalog.v1.WoodType;
import furniture.catalog.v1.WoodTypeServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 18's hostile client, items 1, 5, 6 and 7, each repeated as it was reported against {@code catalog serve} on
 * MariaDB, through the typed stubs (or, for bytes no stub would send, a byte-level method of the same name): every one
 * ends with the right status and leaves the rows as they were.
 */
@CatalogDatabase
class NoSilentChangeTest {
    private static TestCatalogServer server;
    private static TestDatabase database;
    private static int counter;

    @BeforeAll
    static void start(TestDatabase db, @TempDir Path dir) throws Exception {
        database = db;
        server = TestCatalogServer.start(db, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Channel as(Channel channel, String... tokens) {
        Metadata headers = new Metadata();
        for (String token : tokens) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static WoodTypeServiceGrpc.WoodTypeServiceBlockingStub woods() {
        return WoodTypeServiceGrpc.newBlockingStub(as(server.channel, EDITOR)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static ColorServiceGrpc.ColorServiceBlockingStub colors(String token) {
        return ColorServiceGrpc.newBlockingStub(as(server.channel, token)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static String unique(String base) {
        return base + " " + (++counter);
    }

    private static StatusRuntimeException refused(Status.Code code, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        return e;
    }

    private static String violation(StatusRuntimeException e) {
        return Api.detail(e, BadRequest.class).getFieldViolations(0).getField();
    }

    private static List<String> rows(String table) throws Exception {
        try (var c = database.connect(); var rs = c.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            return TestDatabase.asText(rs);
        }
    }

    // 1. An update without update_mask erases data.

    @Test
    void anUpdateWithoutAMaskChangesOnlyTheFieldsItSets() throws Exception {
        String name = unique("Oak");
        WoodType oak = woods().createWoodType(CreateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setName(name).setDescription("hard wood").setActive(true)).build());
        WoodType renamed = woods().updateWoodType(UpdateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setId(oak.getId()).setName(name + "2").setEtag("1")).build());
        assertEquals(name + "2", renamed.getName());
        assertEquals("hard wood", renamed.getDescription());
        assertTrue(renamed.getActive());
        assertEquals("hard wood|1", database.queryString("SELECT CONCAT(description, '|', active) FROM wood_types WHERE id_wood_type = "
                + oak.getId()), "the row keeps what the request did not set");

        WoodType inactive = woods().updateWoodType(UpdateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setId(oak.getId()).setActive(false)).build());
        assertEquals(false, inactive.getActive(), "active: false is populated (the field has presence), so it is applied");
        assertEquals(name + "2", inactive.getName());
        assertEquals("hard wood", inactive.getDescription());
    }

    @Test
    void aMaskNamingActiveWithNoValueIsRefusedAndChangesNothing() throws Exception {
        WoodType oak = woods().createWoodType(CreateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setName(unique("Oak")).setDescription("hard wood")).build());
        List<String> before = rows("wood_types");
        StatusRuntimeException e = refused(Status.Code.INVALID_ARGUMENT, () -> woods().updateWoodType(UpdateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setId(oak.getId()).setName("whatever"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("name").addPaths("active")).build()));
        assertEquals("wood_type.active", violation(e));
        assertEquals("wood_type.active: is named in update_mask but has no value: send true or false", e.getStatus().getDescription());
        assertEquals(before, rows("wood_types"));
    }

    @Test
    void aMaskedFieldWithNoValueIsClearedAsAip134Says() {
        WoodType oak = woods().createWoodType(CreateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setName(unique("Oak")).setDescription("hard wood")).build());
        WoodType cleared = woods().updateWoodType(UpdateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setId(oak.getId()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("description")).build());
        assertEquals("", cleared.getDescription());
        assertEquals(oak.getName(), cleared.getName());
        StatusRuntimeException e = refused(Status.Code.INVALID_ARGUMENT, () -> woods().updateWoodType(UpdateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setId(oak.getId()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build()));
        assertEquals("wood_type.name: must not be blank", e.getStatus().getDescription(), "a required field cannot be cleared");
    }

    @Test
    void anUpdateThatSetsNoFieldIsRefusedRatherThanTouchingTheRecord() throws Exception {
        WoodType oak = woods().createWoodType(CreateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setName(unique("Oak"))).build());
        List<String> before = rows("wood_types");
        StatusRuntimeException e = refused(Status.Code.INVALID_ARGUMENT, () -> woods().updateWoodType(UpdateWoodTypeRequest.newBuilder()
                .setWoodType(WoodType.newBuilder().setId(oak.getId()).setEtag("1")).build()));
        assertEquals("update_mask", violation(e));
        assertEquals(before, rows("wood_types"), "no new etag, update_time or updated_by");
    }

    // 5. Malformed messages are UNKNOWN with a 40-line stack trace each.

    /** CreateColor as bytes: the same method name, any bytes, no client-side encoding. */
    private static final MethodDescriptor<InputStream, byte[]> RAW_CREATE_COLOR = RawMethod.of(
            ColorServiceGrpc.getCreateColorMethod().getFullMethodName());

    private static StatusRuntimeException rawCreate(InputStream bytes, String compression) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS);
        if (compression != null) {
            options = options.withCompression(compression);
        }
        CallOptions chosen = options;
        return assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(as(server.channel, EDITOR), RAW_CREATE_COLOR, chosen, bytes));
    }

    /** {@code Color { name = <bytes> }} inside {@code CreateColorRequest { color = 1 }}, as protobuf writes it. */
    private static byte[] createColorWithName(byte[] name) throws Exception {
        java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(inner);
        c.writeByteArray(2, name);
        c.flush();
        ByteString color = ByteString.copyFrom(inner.toByteArray());
        java.io.ByteArrayOutputStream outer = new java.io.ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(outer);
        o.writeBytes(1, color);
        o.flush();
        return outer.toByteArray();
    }

    @Test
    void malformedMessagesAreInvalidArgumentsWithOneLogLine() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        List<String> before = rows("colors");
        try {
            byte[] invalidUtf8 = createColorWithName(new byte[] {'R', 'e', (byte) 0xC3, (byte) 0x28, 'd'});
            StatusRuntimeException utf8 = rawCreate(new ByteArrayInputStream(invalidUtf8), null);
            assertEquals(Status.Code.INVALID_ARGUMENT, utf8.getStatus().getCode(), utf8.getStatus().toString());
            assertEquals("color.name", violation(utf8));
            assertEquals("color.name: is not valid UTF-8", utf8.getStatus().getDescription());

            byte[] valid = createColorWithName("Red".getBytes(StandardCharsets.UTF_8));
            StatusRuntimeException truncated = rawCreate(new ByteArrayInputStream(Arrays.copyOf(valid, valid.length - 2)), null);
            assertEquals(Status.Code.INVALID_ARGUMENT, truncated.getStatus().getCode(), truncated.getStatus().toString());
            assertEquals("MALFORMED_REQUEST", Api.reason(truncated));

            StatusRuntimeException garbage = rawCreate(new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x07, 0x13}), null);
            assertEquals(Status.Code.INVALID_ARGUMENT, garbage.getStatus().getCode(), garbage.getStatus().toString());
            assertEquals("MALFORMED_REQUEST", Api.reason(garbage));

            StatusRuntimeException bomb = rawCreate(nameOf(100 * 1024 * 1024), "gzip");
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, bomb.getStatus().getCode(), bomb.getStatus().toString());
        } finally {
            root.detachAppender(logged);
        }
        List<ILoggingEvent> calls = logged.list.stream().filter(e -> e.getLoggerName().equals("furniture.catalog.calls")).toList();
        assertEquals(List.of("INVALID_ARGUMENT", "INVALID_ARGUMENT", "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED"),
                calls.stream().map(e -> e.getKeyValuePairs().stream().filter(kv -> kv.key.equals("status")).findFirst().orElseThrow().value)
                        .toList(), "one call line each");
        assertEquals(List.of(), logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList(), "no error, no stack trace");
        assertEquals(before, rows("colors"));
    }

    /** A CreateColorRequest whose color's name is {@code size} bytes of 'a', made as it is read (never all in memory). */
    private static InputStream nameOf(int size) throws Exception {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        CodedOutputStream h = CodedOutputStream.newInstance(head);
        int inner = CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        h.writeTag(1, 2);
        h.writeUInt32NoTag(inner);
        h.writeTag(2, 2);
        h.writeUInt32NoTag(size);
        h.flush();
        byte[] prefix = head.toByteArray();
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long left = prefix.length + (long) size - position;
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = position < prefix.length ? prefix[(int) position] : (byte) 'a';
                    position++;
                }
                return n;
            }
        };
    }

    // 6. Names that look blank are accepted.

    @Test
    void namesThatLookBlankOrHideTextAreRefused() throws Exception {
        List<String> before = rows("colors");
        for (String blank : new String[] {"\u200B", "\u3164", "\uFEFF", "\u00a0\u00a0"}) {
            StatusRuntimeException e = refused(Status.Code.INVALID_ARGUMENT, () -> colors(EDITOR).createColor(CreateColorRequest.newBuilder()
                    .setColor(Color.newBuilder().setName(blank)).build()));
            assertEquals("color.name: must not be blank", e.getStatus().getDescription());
        }
        assertEquals("color.name: must not contain bidirectional controls, which change the order text is shown in (U+202E)",
                refused(Status.Code.INVALID_ARGUMENT, () -> colors(EDITOR).createColor(CreateColorRequest.newBuilder()
                        .setColor(Color.newBuilder().setName("evil\u202etxt.exe")).build())).getStatus().getDescription());
        assertEquals("color.name: must not contain line or paragraph separators (U+2028)",
                refused(Status.Code.INVALID_ARGUMENT, () -> colors(EDITOR).createColor(CreateColorRequest.newBuilder()
                        .setColor(Color.newBuilder().setName("Dark\u2028Red")).build())).getStatus().getDescription());
        assertEquals(before, rows("colors"));
        assertEquals("Café", colors(EDITOR).createColor(CreateColorRequest.newBuilder()
                .setColor(Color.newBuilder().setName("Cafe\u0301")).build()).getName(), "stored in NFC");
    }

    // 7. Smaller holes.

    @Test
    void twoAuthorizationHeadersAreRefusedNotLastWins() throws Exception {
        Color red = colors(EDITOR).createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName(unique("Red"))).build());
        colors(EDITOR).deleteColor(DeleteColorRequest.newBuilder().setId(red.getId()).build());
        List<String> before = rows("colors");
        ColorServiceGrpc.ColorServiceBlockingStub both = ColorServiceGrpc.newBlockingStub(as(server.channel, READER, ADMIN));
        StatusRuntimeException e = refused(Status.Code.UNAUTHENTICATED, () -> both.purgeColor(PurgeColorRequest.newBuilder()
                .setId(red.getId()).build()));
        assertEquals("send one authorization header, not 2", e.getStatus().getDescription());
        assertEquals(before, rows("colors"));
    }

    @Test
    void aForgedPageTokenIsRefusedAndARealOneWorksOnAnotherReplica() throws Exception {
        String prefix = unique("Page");
        for (int i = 0; i < 3; i++) {
            colors(EDITOR).createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName(prefix + " " + i)).build());
        }
        // The token the issue forged: a cursor of id -5 under the old, unkeyed SHA-256 seal.
        byte[] fingerprint = Arrays.copyOf(sha256(("color|ALL|" + prefix + "|false|NAME").getBytes(StandardCharsets.UTF_8)), 8);
        byte[] body = ByteBuffer.allocate(1 + 8 + 8 + 4).put((byte) 1).put(fingerprint).putLong(-5).putInt(0).array();
        byte[] sealed = Arrays.copyOf(body, body.length + 12);
        System.arraycopy(sha256(body), 0, sealed, body.length, 12);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        StatusRuntimeException e = refused(Status.Code.INVALID_ARGUMENT, () -> colors(READER).listColors(ListColorsRequest.newBuilder()
                .setNamePrefix(prefix).setPageToken(forged).build()));
        assertEquals("page_token", violation(e));

        ListColorsResponse first = colors(READER).listColors(ListColorsRequest.newBuilder().setNamePrefix(prefix).setPageSize(2).build());
        assertNotEquals("", first.getNextPageToken());
        String tampered = first.getNextPageToken().substring(0, 5) + (first.getNextPageToken().charAt(5) == 'A' ? 'B' : 'A')
                + first.getNextPageToken().substring(6);
        refused(Status.Code.INVALID_ARGUMENT, () -> colors(READER).listColors(ListColorsRequest.newBuilder().setNamePrefix(prefix)
                .setPageSize(2).setPageToken(tampered).build()));
        try (TestCatalogServer replica = server.replica()) {
            ListColorsResponse second = ColorServiceGrpc.newBlockingStub(as(replica.channel, READER)).listColors(ListColorsRequest
                    .newBuilder().setNamePrefix(prefix).setPageSize(2).setPageToken(first.getNextPageToken()).build());
            assertEquals(List.of(prefix + " 2"), second.getColorsList().stream().map(Color::getName).toList(),
                    "the replicas share the key through the database");
        }
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    @Test
    void anActiveFilterTheProtoDoesNotNameIsRefusedNotAll() {
        StatusRuntimeException e = refused(Status.Code.INVALID_ARGUMENT, () -> colors(READER).listColors(ListColorsRequest.newBuilder()
                .setActiveValue(7).build()));
        assertEquals("active", violation(e));
        assertEquals("active: must be ACTIVE_FILTER_UNSPECIFIED (0), ACTIVE_FILTER_ACTIVE (1) or ACTIVE_FILTER_INACTIVE (2), not 7",
                e.getStatus().getDescription());
    }

    @Test
    void anEtagIsTakenOnlyInTheFormTheServiceWrote() throws Exception {
        Color red = colors(EDITOR).createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName(unique("Red"))).build());
        List<String> before = rows("colors");
        for (String etag : new String[] {"01", "+1", "1 ", "0"}) {
            StatusRuntimeException e = refused(Status.Code.INVALID_ARGUMENT, () -> colors(EDITOR).deleteColor(DeleteColorRequest.newBuilder()
                    .setId(red.getId()).setEtag(etag).build()));
            assertEquals("etag", violation(e), etag);
        }
        assertEquals(before, rows("colors"));
        assertEquals("2", colors(EDITOR).deleteColor(DeleteColorRequest.newBuilder().setId(red.getId()).setEtag("1").build()).getEtag());
    }
}
