package furniture.catalog.server.grpc;

import static furniture.catalog.server.grpc.TestCatalogServer.ADMIN;
import static furniture.catalog.server.grpc.TestCatalogServer.EDITOR;
import static furniture.catalog.server.grpc.TestCatalogServer.READER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Random;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input (issue 18): each input is one request to one of the five services, either as bytes (any
 * bytes, sent under the method's name) or as a message whose fields the fuzzer fills (names full of whatever Unicode,
 * masks, tokens, etags, ids, filters, page sizes), with a caller of any role; and its text goes through the domain's
 * check directly too. For every input: the status is never INTERNAL or UNKNOWN (nor a timeout or an outage), a refused
 * call leaves every table's rows as they were, and text the domain accepts is stored in a form it accepts again
 * unchanged, without what the text policy refuses.
 *
 * <p>In the suite and in {@code .ci/run}, {@link #generatedHostileRequestsForABoundedTime} feeds the target seeded random
 * choices (a {@link Source}, as the fuzz test's FuzzedDataProvider is) for a bounded time; the line with the number of inputs tried is written to
 * {@code target/hostile-input.txt}. {@code .ci/run} also fuzzes the {@code @FuzzTest} for its {@code maxDuration} under
 * {@code -Pfuzz} ({@code JAZZER_FUZZ=1}, coverage-guided over the whole product's classes), and prints the same line.
 * A finding fails the build and leaves {@code crash-…} under this class's {@code HostileInputFuzzTestInputs} in the
 * test resources (replayed by every later run there); one that a sanitizer raises on another thread was seen to stop
 * libFuzzer with Surefire counting no test at all, so {@code .ci/run} also fails on the file or a missing report.
 */
@CatalogDatabase
class HostileInputFuzzTest {
    private static final List<Api> APIS = Api.all();
    private static final String[] TOKENS = {READER, EDITOR, ADMIN, "not-a-token"};
    private static final Set<Status.Code> NEVER = Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS, Status.Code.UNIMPLEMENTED, Status.Code.CANCELLED);
    private static final String[] TABLES = {"colors", "roles", "wood_types", "unit_of_measures", "furniture_type"};
    /** Characters the text policy is about, so the fuzzer meets them often. */
    private static final String[] HOSTILE = {"\u200B", "\u3164", "\uFEFF", "\u00a0", "\u202E", "\u2028", "\u200D", "\uFE0F",
            "\u0301", "\uD83E", "\uDDE1", "\u0000", "\t", " ", "e", "🪑", "\u2066", "\u00AD", "\uDB40\uDC41", "'", "%", "\\"};

    private static TestCatalogServer server;
    private static Connection sql;
    private static final List<Long> ids = new ArrayList<>();
    private static String lastPageToken = "";
    private static long started;
    private static long tried;
    private static final Map<Status.Code, Long> outcomes = new EnumMap<>(Status.Code.class);

    @BeforeAll
    static void start(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        server = TestCatalogServer.start(db, dir);
        sql = db.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        double seconds = (System.nanoTime() - started) / 1e9;
        String line = String.format("hostile input: %d inputs tried in %.1f s (%s), no INTERNAL or UNKNOWN, no change on a refusal; "
                + "statuses %s", tried, seconds, summary, outcomes);
        System.out.println(line);
        Files.writeString(Path.of("target", "hostile-input.txt"), line + "\n");
        if (sql != null) {
            sql.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void hostileRequestsEndWithTheirStatusAndARefusalChangesNothing(FuzzedDataProvider data) throws Exception {
        summary = "coverage-guided by Jazzer";
        target(new Source() {
            public int consumeInt(int min, int max) {
                return data.consumeInt(min, max);
            }

            public long consumeLong(long min, long max) {
                return data.consumeLong(min, max);
            }

            public boolean consumeBoolean() {
                return data.consumeBoolean();
            }

            public String consumeString(int maxLength) {
                return data.consumeString(maxLength);
            }

            public byte[] consumeRemainingAsBytes() {
                return data.consumeRemainingAsBytes();
            }
        });
    }

    /** What the target draws its choices from: Jazzer's FuzzedDataProvider, or a seeded Random. */
    interface Source {
        int consumeInt(int min, int max);

        long consumeLong(long min, long max);

        boolean consumeBoolean();

        String consumeString(int maxLength);

        byte[] consumeRemainingAsBytes();

        default <T> T pickValue(T[] values) {
            return values[consumeInt(0, values.length - 1)];
        }
    }

    /** Random choices; strings of any UTF-16 units (lone surrogates too), raw bytes of any value. */
    private static Source random(Random random) {
        return new Source() {
            public int consumeInt(int min, int max) {
                return min + (int) Math.floorMod(random.nextLong(), (long) max - min + 1);
            }

            public long consumeLong(long min, long max) {
                return min + Math.floorMod(random.nextLong(), max - min + 1);
            }

            public boolean consumeBoolean() {
                return random.nextBoolean();
            }

            public String consumeString(int maxLength) {
                char[] units = new char[random.nextInt(maxLength + 1)];
                for (int i = 0; i < units.length; i++) {
                    units[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) random.nextInt(0x3000);
                }
                return new String(units);
            }

            public byte[] consumeRemainingAsBytes() {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                return bytes;
            }
        };
    }

    /**
     * The same target on generated inputs for a bounded time ({@code catalog.hostile.seconds}, 20 by default), seeded
     * ({@code catalog.hostile.seed}, printed) so that a failure can be run again; no agent, so it runs in the suite.
     */
    @Test
    void generatedHostileRequestsForABoundedTime() throws Exception {
        long seed = Long.getLong("catalog.hostile.seed", System.nanoTime());
        long seconds = Long.getLong("catalog.hostile.seconds", 20);
        Random random = new Random(seed);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            try {
                target(random(random));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", input " + tried + ": " + e.getMessage(), e);
            }
        }
        summary = "seeded random choices, seed " + seed;
    }

    private static String summary = "";

    private static boolean detectorsSet;

    private void target(Source data) throws Exception {
        if (!detectorsSet && System.getenv("JAZZER_FUZZ") != null) {
            // The server reads its migration scripts and the test its files: no path traversal (Jazzer's sanitizers are
            // there once the fuzz test runs, not in @BeforeAll; the SSRF one is off, see server/pom.xml).
            BugDetectors.setFilePathTraversalAllowPath(path -> true);
            detectorsSet = true;
        }
        if (tried++ == 0) {
            started = System.nanoTime();
        }
        Api api = APIS.get(data.consumeInt(0, APIS.size() - 1));
        String verb = Api.VERBS.get(data.consumeInt(0, Api.VERBS.size() - 1));
        String token = data.pickValue(TOKENS);
        String text = text(data);
        domainKeepsItsTextPolicy(text);

        String before = checksum();
        Status.Code code;
        String what;
        if (data.consumeBoolean()) {
            byte[] bytes = data.consumeRemainingAsBytes();
            what = api + "/" + verb + " as " + bytes.length + " bytes";
            code = call(RawMethod.of(api.method(verb).getFullMethodName()), new ByteArrayInputStream(bytes), token);
        } else {
            Message request = request(api, verb, text, data);
            what = api + "/" + verb + " " + request.toString().replace('\n', ' ');
            code = call(api.method(verb), request, token);
        }
        outcomes.merge(code, 1L, Long::sum);
        if (NEVER.contains(code)) {
            fail(what + " ended " + code);
        }
        if (code != Status.Code.OK) {
            assertEquals(before, checksum(), what + " was refused (" + code + ") but changed rows");
        }
    }

    /** The domain's check of a name: refused with an InvalidFieldException, or stored in a form it takes back unchanged. */
    private static void domainKeepsItsTextPolicy(String text) {
        String stored;
        try {
            stored = (String) Color.TYPE.newEntry(Map.of("name", text)).values().get("name");
        } catch (InvalidFieldException e) {
            return;
        }
        assertEquals(stored, Color.TYPE.newEntry(Map.of("name", stored)).values().get("name"), "checking the stored name again changes it");
        assertTrue(Normalizer.isNormalized(stored, Normalizer.Form.NFC), "stored in NFC");
        assertTrue(stored.codePointCount(0, stored.length()) <= 50);
        assertTrue(stored.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL || c == 0x202E || c == 0x2028
                || c == 0x200B || c == 0xFEFF || c == 0x3164 || Character.getType(c) == Character.SURROGATE), "no refused character stored");
        assertTrue(!stored.isEmpty() && !Character.isSpaceChar(stored.codePointAt(0)), "trimmed, not blank");
    }

    private static String text(Source data) {
        StringBuilder b = new StringBuilder();
        int parts = data.consumeInt(0, 6);
        for (int i = 0; i < parts; i++) {
            b.append(data.consumeBoolean() ? data.pickValue(HOSTILE) : data.consumeString(20));
        }
        return b.toString();
    }

    /** A request of {@code verb} whose fields the fuzzer fills, each field present or not. */
    private static Message request(Api api, String verb, String text, Source data) {
        Message.Builder b = ((MethodDescriptor.PrototypeMarshaller<Message>) api.method(verb).getRequestMarshaller())
                .getMessagePrototype().newBuilderForType();
        Descriptor type = b.getDescriptorForType();
        switch (verb) {
            case "List" -> {
                b.setField(type.findFieldByName("page_size"), data.consumeInt(-3, 1200));
                b.setField(type.findFieldByName("page_token"), data.consumeBoolean() ? lastPageToken : data.consumeString(40));
                b.setField(type.findFieldByName("show_deleted"), data.consumeBoolean());
                FieldDescriptor active = type.findFieldByName("active");
                b.setField(active, active.getEnumType().findValueByNumberCreatingIfUnknown(data.consumeInt(-2, 5)));
                b.setField(type.findFieldByName("name_prefix"), data.consumeBoolean() ? "" : text);
                b.setField(type.findFieldByName("order_by"), data.pickValue(new String[] {"", "name", "id", " id ", "name desc", text}));
            }
            case "Create" -> b.setField(type.findFieldByName(api.resourceField()), resource(api, text, data));
            case "Update" -> {
                b.setField(type.findFieldByName(api.resourceField()), resource(api, text, data));
                FieldMask.Builder mask = FieldMask.newBuilder();
                int paths = data.consumeInt(0, 3);
                for (int i = 0; i < paths; i++) {
                    mask.addPaths(data.pickValue(new String[] {"name", "description", "abbreviation", "active", "id", "etag", "*", text}));
                }
                b.setField(type.findFieldByName("update_mask"), mask.build());
            }
            default -> {
                b.setField(type.findFieldByName("id"), id(data));
                if (type.findFieldByName("etag") != null) {
                    b.setField(type.findFieldByName("etag"), etag(data));
                }
            }
        }
        return b.build();
    }

    private static Message resource(Api api, String text, Source data) {
        Message.Builder r = api.resource().newBuilderForType();
        Descriptor type = r.getDescriptorForType();
        r.setField(type.findFieldByName("id"), id(data));
        r.setField(type.findFieldByName("etag"), etag(data));
        if (data.consumeBoolean()) {
            r.setField(type.findFieldByName("name"), text);
        }
        for (String other : new String[] {"description", "abbreviation"}) {
            if (type.findFieldByName(other) != null && data.consumeBoolean()) {
                r.setField(type.findFieldByName(other), data.consumeBoolean() ? data.consumeString(12) : text);
            }
        }
        if (data.consumeBoolean()) {
            r.setField(type.findFieldByName("active"), data.consumeBoolean());
        }
        return r.build();
    }

    private static long id(Source data) {
        return ids.isEmpty() || data.consumeBoolean() ? data.consumeLong(-2, 1L << 40) : ids.get(data.consumeInt(0, ids.size() - 1));
    }

    private static String etag(Source data) {
        return data.pickValue(new String[] {"", "1", "2", "02", "+1", "0", " 1", "999999999999999999999"});
    }

    /** The call's status (OK or the refusal), remembering ids and page tokens for the inputs after it. */
    private static <Q, R> Status.Code call(MethodDescriptor<Q, R> method, Q request, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        try {
            R response = ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(server.channel,
                    MetadataUtils.newAttachHeadersInterceptor(headers)), method, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
            if (response instanceof Message m) {
                FieldDescriptor id = m.getDescriptorForType().findFieldByName("id");
                if (id != null && ids.size() < 200) {
                    ids.add((Long) m.getField(id));
                }
                FieldDescriptor next = m.getDescriptorForType().findFieldByName("next_page_token");
                if (next != null && !((String) m.getField(next)).isEmpty()) {
                    lastPageToken = (String) m.getField(next);
                }
            }
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    /** Every catalog table's rows, as text (the rows are few: the fuzzer's own). */
    private static String checksum() throws Exception {
        StringBuilder b = new StringBuilder();
        for (String table : TABLES) {
            try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                b.append(TestDatabase.asText(rs)).append('\n');
            }
        }
        return Integer.toHexString(b.toString().hashCode()) + ":" + b.length();
    }
}
