package furniture.catalog.server.grpc;

import static furniture.catalog.server.grpc.TestCatalogServer.ADMIN;
import static furniture.catalog.server.grpc.TestCatalogServer.EDITOR;
import static furniture.catalog.server.grpc.TestCatalogServer.READER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.ResourceInfo;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every service and method over a real port (Netty) on MariaDB: success, errors with details, auth, masks, pages. */
@CatalogDatabase
class CatalogServicesEndToEndTest {
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

    static Stream<Api> apis() {
        return Api.all().stream();
    }

    private static String unique(String base) {
        return base + " " + (++counter);
    }

    private static Message call(Api api, String verb, Map<String, Object> fields, String token) {
        return server.call(api.method(verb), api.request(verb, fields), token);
    }

    private static StatusRuntimeException fails(Status.Code code, Api api, String verb, Map<String, Object> fields, String token) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call(api, verb, fields, token));
        assertEquals(code, e.getStatus().getCode(), api + "/" + verb + ": " + e.getStatus());
        return e;
    }

    private static Map<String, Object> created(Api api, String name) {
        return Map.of(api.resourceField(), Map.of("name", name));
    }

    private static long id(Message resource) {
        return (Long) Api.get(resource, "id");
    }

    @ParameterizedTest(name = "{0}: create, get, list, update, delete, undelete, purge")
    @MethodSource("apis")
    void everyMethodWorks(Api api) {
        String name = unique("Oak");
        Message made = call(api, "Create", created(api, name), EDITOR);
        long id = id(made);
        assertEquals(name, Api.get(made, "name"));
        assertEquals(true, Api.get(made, "active"), "created active when active is unset");
        assertEquals("1", Api.get(made, "etag"));

        assertEquals(made, call(api, "Get", Map.of("id", id), READER));
        Message page = call(api, "List", Map.of("name_prefix", name), READER);
        assertEquals(List.of(made), page.getField(page.getDescriptorForType().getFields().get(0)));

        Message updated = call(api, "Update", Map.of(api.resourceField(), Map.of("id", id, "name", name + " renamed", "etag", "1"),
                "update_mask", FieldMask.newBuilder().addPaths("name").build()), EDITOR);
        assertEquals(name + " renamed", Api.get(updated, "name"));
        assertEquals("2", Api.get(updated, "etag"));

        Message deleted = call(api, "Delete", Map.of("id", id, "etag", "2"), EDITOR);
        assertTrue(Api.has(deleted, "delete_time"));
        assertEquals("ed", Api.get(deleted, "deleted_by"));
        assertEquals(deleted, call(api, "Get", Map.of("id", id), READER), "a deleted record is still readable");
        assertTrue(((List<?>) call(api, "List", Map.of("name_prefix", name), READER).getField(page.getDescriptorForType().getFields().get(0))).isEmpty());
        assertEquals(1, ((List<?>) call(api, "List", Map.of("name_prefix", name, "show_deleted", true), READER)
                .getField(page.getDescriptorForType().getFields().get(0))).size());

        Message restored = call(api, "Undelete", Map.of("id", id), EDITOR);
        assertFalse(Api.has(restored, "delete_time"));

        call(api, "Delete", Map.of("id", id), EDITOR);
        call(api, "Purge", Map.of("id", id), ADMIN);
        fails(Status.Code.NOT_FOUND, api, "Get", Map.of("id", id), READER);
    }

    @ParameterizedTest(name = "{0}: audit fields come from the token, never from the request")
    @MethodSource("apis")
    void auditFieldsComeFromTheCaller(Api api) {
        Timestamp past = Timestamp.newBuilder().setSeconds(1000).build();
        Message made = call(api, "Create", Map.of(api.resourceField(), Map.of("name", unique("Ash"), "created_by", "mallory",
                "updated_by", "mallory", "deleted_by", "mallory", "create_time", past, "etag", "99", "id", 424242L)), EDITOR);
        assertEquals("ed", Api.get(made, "created_by"));
        assertEquals("ed", Api.get(made, "updated_by"));
        assertFalse(Api.has(made, "delete_time"));
        assertEquals("", Api.get(made, "deleted_by"));
        assertNotEquals(past, Api.get(made, "create_time"));
        assertEquals("1", Api.get(made, "etag"));
        assertNotEquals(424242L, Api.get(made, "id"));
        Message updated = call(api, "Update", Map.of(api.resourceField(), Map.of("id", id(made), "active", false, "updated_by", "mallory"),
                "update_mask", FieldMask.newBuilder().addPaths("active").addPaths("updated_by").build()), ADMIN);
        assertEquals("ada", Api.get(updated, "updated_by"));
        assertEquals("ed", Api.get(updated, "created_by"));
        assertEquals(false, Api.get(updated, "active"));
        Instant created = Instant.ofEpochSecond(((Timestamp) Api.get(made, "create_time")).getSeconds());
        assertTrue(Duration.between(created, Instant.now()).abs().toMinutes() < 5, "create_time is now, in UTC");
    }

    static Stream<Arguments> authMatrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Api api : Api.all()) {
            for (String verb : Api.VERBS) {
                boolean write = !verb.equals("Get") && !verb.equals("List");
                cases.add(Arguments.of(api, verb, null, Status.Code.UNAUTHENTICATED));
                cases.add(Arguments.of(api, verb, "no-such-token", Status.Code.UNAUTHENTICATED));
                cases.add(Arguments.of(api, verb, READER, write ? Status.Code.PERMISSION_DENIED : null));
                cases.add(Arguments.of(api, verb, EDITOR, verb.equals("Purge") ? Status.Code.PERMISSION_DENIED : null));
                cases.add(Arguments.of(api, verb, ADMIN, null));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}/{1} with {2}: {3}")
    @MethodSource("authMatrix")
    void authenticationAndRoles(Api api, String verb, String token, Status.Code refusal) {
        // Harmless arguments: an id nobody has, an empty resource; an allowed call gets past auth and fails on them.
        Map<String, Object> fields = switch (verb) {
            case "List" -> Map.of("name_prefix", "nobody has this prefix");
            case "Create" -> Map.of(api.resourceField(), Map.of());
            case "Update" -> Map.of(api.resourceField(), Map.of("id", 987654321L));
            default -> Map.of("id", 987654321L);
        };
        if (refusal != null) {
            fails(refusal, api, verb, fields, token);
            return;
        }
        try {
            call(api, verb, fields, token);
        } catch (StatusRuntimeException e) {
            assertTrue(Stream.of(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT).anyMatch(c -> c == e.getStatus().getCode()),
                    "an allowed call is not refused for who calls: " + e.getStatus());
        }
    }

    @Test
    void errorsCarryTheStatusAndDetailsOfApiMd() throws Exception {
        Api colors = Api.all().get(0);
        StatusRuntimeException blank = fails(Status.Code.INVALID_ARGUMENT, colors, "Create", created(colors, "   "), EDITOR);
        assertEquals("color.name", Api.detail(blank, BadRequest.class).getFieldViolations(0).getField());
        assertEquals("must not be blank", Api.detail(blank, BadRequest.class).getFieldViolations(0).getDescription());
        ErrorInfo info = Api.detail(blank, ErrorInfo.class);
        assertEquals("catalog.furniture", info.getDomain());
        assertEquals("INVALID_ARGUMENT", info.getReason());

        StatusRuntimeException tooLong = fails(Status.Code.INVALID_ARGUMENT, colors, "Create", created(colors, "x".repeat(51)), EDITOR);
        assertEquals("must be at most 50 characters, not 51", Api.detail(tooLong, BadRequest.class).getFieldViolations(0).getDescription());

        StatusRuntimeException missing = fails(Status.Code.NOT_FOUND, colors, "Get", Map.of("id", 123456789L), READER);
        assertEquals("furniture.catalog.v1.Color", Api.detail(missing, ResourceInfo.class).getResourceType());
        assertEquals("123456789", Api.detail(missing, ResourceInfo.class).getResourceName());
        assertEquals("NOT_FOUND", Api.reason(missing));

        String name = unique("Taken");
        long holder = id(call(colors, "Create", created(colors, name), EDITOR));
        StatusRuntimeException taken = fails(Status.Code.ALREADY_EXISTS, colors, "Create", created(colors, name.toUpperCase()), EDITOR);
        assertEquals("NAME_TAKEN", Api.reason(taken));
        assertEquals(Long.toString(holder), Api.detail(taken, ResourceInfo.class).getResourceName());
        call(colors, "Delete", Map.of("id", holder), EDITOR);
        StatusRuntimeException takenByDeleted = fails(Status.Code.ALREADY_EXISTS, colors, "Create", created(colors, name), EDITOR);
        assertEquals("NAME_TAKEN_BY_DELETED", Api.reason(takenByDeleted));
        assertTrue(takenByDeleted.getStatus().getDescription().contains("which is deleted"), takenByDeleted.getStatus().getDescription());

        StatusRuntimeException deletedAgain = fails(Status.Code.NOT_FOUND, colors, "Delete", Map.of("id", holder), EDITOR);
        assertEquals("ALREADY_DELETED", Api.reason(deletedAgain));
        StatusRuntimeException updateDeleted = fails(Status.Code.FAILED_PRECONDITION, colors, "Update",
                Map.of("color", Map.of("id", holder, "name", "x")), EDITOR);
        assertEquals("RECORD_DELETED", Api.reason(updateDeleted));

        long live = id(call(colors, "Create", created(colors, unique("Live")), EDITOR));
        assertEquals("NOT_DELETED", Api.reason(fails(Status.Code.FAILED_PRECONDITION, colors, "Purge", Map.of("id", live), ADMIN)));
        assertEquals("NOT_DELETED", Api.reason(fails(Status.Code.FAILED_PRECONDITION, colors, "Undelete", Map.of("id", live), EDITOR)));
        StatusRuntimeException stale = fails(Status.Code.ABORTED, colors, "Update",
                Map.of("color", Map.of("id", live, "name", unique("x"), "etag", "7")), EDITOR);
        assertEquals("STALE_ETAG", Api.reason(stale));
        assertEquals("1", Api.detail(stale, ErrorInfo.class).getMetadataOrThrow("current_etag"));
        assertEquals("STALE_ETAG", Api.reason(fails(Status.Code.ABORTED, colors, "Delete", Map.of("id", live, "etag", "5"), EDITOR)));
        assertEquals("etag", Api.detail(fails(Status.Code.INVALID_ARGUMENT, colors, "Delete", Map.of("id", live, "etag", "W/\"x\""), EDITOR),
                BadRequest.class).getFieldViolations(0).getField());

        StatusRuntimeException mask = fails(Status.Code.INVALID_ARGUMENT, colors, "Update", Map.of("color", Map.of("id", live),
                "update_mask", FieldMask.newBuilder().addPaths("hex").build()), EDITOR);
        assertEquals("update_mask", Api.detail(mask, BadRequest.class).getFieldViolations(0).getField());
        assertEquals("page_size", Api.detail(fails(Status.Code.INVALID_ARGUMENT, colors, "List", Map.of("page_size", -1), READER),
                BadRequest.class).getFieldViolations(0).getField());
        assertEquals("page_token", Api.detail(fails(Status.Code.INVALID_ARGUMENT, colors, "List", Map.of("page_token", "garbage!"), READER),
                BadRequest.class).getFieldViolations(0).getField());
        assertEquals("order_by", Api.detail(fails(Status.Code.INVALID_ARGUMENT, colors, "List", Map.of("order_by", "color"), READER),
                BadRequest.class).getFieldViolations(0).getField());
        fails(Status.Code.INVALID_ARGUMENT, colors, "Get", Map.of(), READER);

        Api units = Api.all().get(3);
        call(units, "Create", Map.of("unit_of_measure", Map.of("name", "centimetre", "abbreviation", "cm")), EDITOR);
        StatusRuntimeException abbreviation = fails(Status.Code.ALREADY_EXISTS, units, "Create",
                Map.of("unit_of_measure", Map.of("name", "centimeter", "abbreviation", "cm")), EDITOR);
        assertEquals("unit_of_measure.abbreviation", Api.detail(abbreviation, ErrorInfo.class).getMetadataOrThrow("field"));
    }

    @Test
    void errorMessagesNeverCarrySqlOrStackTraces() {
        Api colors = Api.all().get(0);
        for (StatusRuntimeException e : List.of(
                fails(Status.Code.INVALID_ARGUMENT, colors, "Create", created(colors, ""), EDITOR),
                fails(Status.Code.NOT_FOUND, colors, "Get", Map.of("id", 5555555L), READER))) {
            String description = e.getStatus().getDescription();
            assertFalse(description.matches("(?is).*(select|insert|sql|exception|\\bat [a-z]+\\.).*"), description);
        }
    }

    @Test
    void pagesFollowEachOtherToTheEnd() {
        Api colors = Api.all().get(0);
        String prefix = unique("Paged");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            names.add(prefix + " " + i);
            call(colors, "Create", created(colors, prefix + " " + i), EDITOR);
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            Message page = call(colors, "List", Map.of("name_prefix", prefix, "page_size", 3, "page_token", token), READER);
            for (Object c : (List<?>) page.getField(page.getDescriptorForType().findFieldByName("colors"))) {
                seen.add((String) Api.get((Message) c, "name"));
            }
            token = (String) Api.get(page, "next_page_token");
            pages++;
        } while (!token.isEmpty());
        assertEquals(names, seen);
        assertEquals(3, pages);
    }

    @Test
    void anOversizedMessageIsRefused() {
        Api colors = Api.all().get(0);
        StatusRuntimeException e = fails(Status.Code.RESOURCE_EXHAUSTED, colors, "Create", created(colors, "x".repeat(2 * 1024 * 1024)), EDITOR);
        assertTrue(e.getStatus().getDescription().contains("exceeds maximum"), e.getStatus().getDescription());
    }

    @Test
    void aPassedDeadlineStopsTheWorkAndChangesNothing() throws Exception {
        Api colors = Api.all().get(0);
        Message made = call(colors, "Create", created(colors, unique("Locked")), EDITOR);
        long id = id(made);
        try (Connection blocker = database.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.executeQuery("SELECT * FROM colors WHERE id_color = " + id + " FOR UPDATE").close();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> server.call(colors.method("Update"),
                    colors.request("Update", Map.of("color", Map.of("id", id, "name", "changed"),
                            "update_mask", FieldMask.newBuilder().addPaths("name").build())), EDITOR, Duration.ofMillis(1500)));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            waitUntilNoQueryRunsOn(id);
            blocker.rollback();
        }
        assertEquals(made, call(colors, "Get", Map.of("id", id), READER), "the update did not happen after the deadline");
    }

    /** The server's statement ends by its query timeout, taken from the deadline (bounded wait). */
    private static void waitUntilNoQueryRunsOn(long id) throws Exception {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            if (database.queryLong("SELECT COUNT(*) FROM information_schema.processlist WHERE db = '" + database.name()
                    + "' AND info LIKE '%FOR UPDATE%' AND info NOT LIKE '%processlist%'") == 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the server kept waiting after the deadline");
    }

    @Test
    void createDefaultsToActiveButHonoursAnExplicitFalse() {
        Api roles = Api.all().get(1);
        Map<String, Object> inactive = new HashMap<>();
        inactive.put("role", Map.of("name", unique("auditor"), "active", false));
        assertEquals(false, Api.get(call(roles, "Create", inactive, EDITOR), "active"));
    }
}
