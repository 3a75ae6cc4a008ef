package furniture.catalog.server.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.domain.entity.NamedEntry;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import furniture.catalog.grpc.GrpcModule;
import furniture.catalog.persistence.EntityTable;
import furniture.catalog.persistence.StorageModel;
import furniture.catalog.server.cli.CatalogCli;
import furniture.catalog.server.cli.Cli;
import furniture.catalog.server.grpc.Buf;
import furniture.catalog.server.model.CatalogModel;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Changing the model" walk-through, run as printed: colors gain a {@code hex_code CHAR(7)}. The changed
 * declaration is {@link Color} below (what the README shows in {@code Color.java}), the changed proto is
 * {@code src/test/proto/walkthrough/color_with_hex_code.proto}; the {@code catalog db} commands run through the real CLI
 * against that model, and the README's call runs with buf (reflection only) against a server on it. Each command's
 * output must be the README's, up to dates, times, ids and the folder.
 */
@CatalogDatabase
class ChangingTheModelTest {
    private static final Path ROOT = Path.of(System.getProperty("catalog.repo.root", "..")).toAbsolutePath().normalize();

    /** Color, as the walk-through changes it. */
    record Color(String name, String hexCode) implements CatalogEntry {
        static final FieldSpec HEX_CODE = FieldSpec.fixedText("hex_code", 7);
        static final EntityType<Color> TYPE = new EntityType<>("color", List.of(NamedEntry.NAME, HEX_CODE),
                values -> new Color((String) values.get("name"), (String) values.get("hex_code")));

        @Override
        public Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", name);
            values.put("hex_code", hexCode);
            return values;
        }
    }

    /** The catalog's tables, colors with the changed declaration. */
    static final List<EntityTable> TABLES = StorageModel.CATALOG.stream()
            .map(t -> t.name().equals("colors") ? EntityTable.of(Color.TYPE, "colors", "id_color") : t).toList();

    private final TestDatabase db;

    ChangingTheModelTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theWalkThroughRunsAsPrinted(@TempDir Path dir) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        db.recreate();
        Path scripts = Cli.copyBuiltInScripts(Files.createDirectories(dir.resolve("migration")));
        Path password = Files.writeString(dir.resolve("password"), db.password() == null ? "" : db.password());
        assertEquals(0, cli(scripts, password, List.of("db", "upgrade")).code, "the walk-through starts at head");

        int commands = 0;
        List<String> differences = new ArrayList<>();
        for (String[] step : steps(block(readme, "<!-- model-walkthrough: ChangingTheModelTest", "```console\n"))) {
            String command = step[0];
            String actual;
            if (command.startsWith("cat ")) {
                actual = Files.readString(scripts.resolve(Path.of(command.substring(4)).getFileName()));
            } else {
                assertTrue(command.startsWith("./catalog "), command);
                Run run = cli(scripts, password, words(command.substring("./catalog ".length())));
                assertEquals(0, run.code, command + "\n" + run.out);
                actual = run.out;
            }
            if (!normalize(step[1], scripts).equals(normalize(actual, scripts))) {
                differences.add("$ " + command + "\n" + normalize(actual, scripts));
            }
            commands++;
        }
        assertEquals("", String.join("", differences), "the README's walk-through differs from what these commands print (shown)");
        assertEquals(5, commands, "migrate, the two files, upgrade, check");

        List<GrpcModule.Binding> bindings = new ArrayList<>(GrpcModule.BINDINGS.stream().filter(b -> !b.type().name().equals("color")).toList());
        bindings.add(0, new GrpcModule.Binding(Color.TYPE, furniture.catalog.walkthrough.v1.ColorServiceGrpc.getServiceDescriptor(),
                furniture.catalog.walkthrough.v1.Color.getDefaultInstance()));
        try (ModelServer server = ModelServer.start(db, TABLES, bindings)) {
            String call = block(readme, "<!-- model-walkthrough-call", "```console\n");
            String[] step = steps(call).get(0);
            String script = step[0].replace("127.0.0.1:9090", "127.0.0.1:" + server.port());
            Path home = Files.createDirectories(dir.resolve("clone").resolve(".catalog"));
            Files.writeString(home.resolve("admin.token"), ModelServer.ADMIN + "\n");
            ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(home.getParent().toFile())
                    .redirectErrorStream(true);
            pb.environment().put("PATH", Buf.install().getParent() + ":" + System.getenv("PATH"));
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, process.exitValue(), output);
            assertEquals(normalize(step[1], scripts), normalize(output, scripts), step[0]);
            assertEquals("#8b5a2b", db.queryString("SELECT hex_code FROM colors WHERE name = 'Walnut'"), "the call set the column");
            io.grpc.StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                    () -> ModelServer.as(furniture.catalog.walkthrough.v1.ColorServiceGrpc.newBlockingStub(server.channel), ModelServer.ADMIN)
                            .createColor(furniture.catalog.walkthrough.v1.CreateColorRequest.newBuilder().setColor(
                                    furniture.catalog.walkthrough.v1.Color.newBuilder().setName("Oak").setHexCode("#8b5")).build()));
            assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
            assertTrue(readme.replaceAll("\\s+", " ").contains("`" + refused.getStatus().getDescription() + "`"), "the README quotes the refusal: "
                    + refused.getStatus().getDescription());
            assertEquals(1, db.queryLong("SELECT COUNT(*) FROM colors"), "nothing was written");
        }
    }

    private record Run(int code, String out) {}

    private Run cli(Path scripts, Path password, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--migrations=" + scripts, "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + password));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CatalogCli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true),
                () -> CatalogModel.schema(TABLES));
        return new Run(code, out + err.toString());
    }

    /** The README's block after {@code marker}: its text between the fence {@code open} and the closing fence. */
    static String block(String readme, String marker, String open) {
        int at = readme.indexOf(marker);
        assertTrue(at >= 0, "README has no " + marker);
        int start = readme.indexOf(open, at) + open.length();
        return readme.substring(start, readme.indexOf("\n```\n", start) + 1);
    }

    /** A console block as (command, its output) pairs: each command is a line starting with "$ ". */
    static List<String[]> steps(String block) {
        List<String[]> steps = new ArrayList<>();
        for (String part : ("\n" + block).split("\n\\$ ")) {
            if (!part.isBlank()) {
                int eol = part.indexOf('\n');
                String output = eol < 0 ? "" : part.substring(eol + 1);
                steps.add(new String[] {eol < 0 ? part : part.substring(0, eol), output.isEmpty() || output.endsWith("\n") ? output : output + "\n"});
            }
        }
        return steps;
    }

    /** A command's words, as the shell splits them (double quotes group). */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(command);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    /** What differs between runs: the folder (here a temporary one; in a clone the project's), the date, times, durations, timestamps, ids and etags. */
    private static String normalize(String text, Path scripts) {
        return text.replace(scripts.toString(), "migrations/src/main/resources/db/migration")
                .replaceAll("created \\d{4}-\\d{2}-\\d{2}", "created <date>")
                .replaceAll("in \\d+ ms", "in <n> ms")
                .replaceAll("\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z\"", "\"<time>\"")
                .replaceAll("\"id\": \"\\d+\"", "\"id\": \"<id>\"");
    }
}
