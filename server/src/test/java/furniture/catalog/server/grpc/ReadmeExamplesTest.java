package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's buf curl block, as printed, against a fresh server with an independent client that knows only
 * reflection (buf, installed from npm), so the README cannot drift from the product.
 */
@CatalogDatabase
class ReadmeExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("catalog.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void theReadmesBufCurlExamplesWorkAsPrinted(TestDatabase db, @TempDir Path dir) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String block = blockAfter(readme, "<!-- readme-test");
        Path buf = Buf.install();
        try (TestCatalogServer server = TestCatalogServer.start(db, dir)) {
            Path home = Files.createDirectories(dir.resolve("newcomer").resolve(".catalog"));
            Files.writeString(home.resolve("admin.token"), TestCatalogServer.ADMIN + "\n");
            String script = block.replace("127.0.0.1:9090", "127.0.0.1:" + server.server.port());
            ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(home.getParent().toFile()).redirectErrorStream(true);
            pb.environment().put("PATH", buf.getParent() + ":" + System.getenv("PATH"));
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("furniture.catalog.v1.ColorService/CreateColor"), output);
            assertTrue(output.contains("\"name\": \"Walnut brown\""), output);
            assertTrue(output.contains("\"deletedBy\": \"ada\""), output);

            Api colors = Api.all().get(0);
            Message color = server.call(colors.method("Get"), colors.request("Get", Map.of("id", 1L)), TestCatalogServer.READER);
            assertEquals("Walnut", Api.get(color, "name"));
            assertFalse(Api.has(color, "delete_time"), "the last example undeleted it");
            assertEquals("4", Api.get(color, "etag"));
            assertEquals("ada", Api.get(color, "updated_by"));
        }
    }

    @Test
    void theGrpcurlExamplesSendWhatTheTestedBufCurlExamplesSend() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String buf = blockAfter(readme, "<!-- readme-test");
        String grpcurl = blockAfter(readme, "With [grpcurl]");
        assertEquals(payloads(buf), payloads(grpcurl));
        assertEquals(methods(buf), methods(grpcurl));
        assertTrue(payloads(buf).size() >= 5);
    }

    private static List<String> payloads(String block) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("-d '([^']*)'").matcher(block);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static List<String> methods(String block) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(furniture\\.catalog\\.v1\\.\\w+Service/\\w+)").matcher(block);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String blockAfter(String readme, String marker) {
        int at = readme.indexOf(marker);
        assertTrue(at >= 0, "README has no " + marker);
        int start = readme.indexOf("```sh\n", at) + "```sh\n".length();
        int end = readme.indexOf("\n```", start);
        return readme.substring(start, end);
    }
}
