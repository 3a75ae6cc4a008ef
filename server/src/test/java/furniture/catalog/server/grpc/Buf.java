package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** buf (the README's gRPC client, which knows only server reflection), from npm, installed once under target/. */
public final class Buf {
    private static final String VERSION = "1.75.0";

    private Buf() {}

    /** The buf executable; the npm registry is one this project may use. */
    public static Path install() throws Exception {
        Path root = Path.of(System.getProperty("catalog.repo.root", "..")).toAbsolutePath().normalize();
        Path prefix = root.resolve("target").resolve("buf");
        Path bin = prefix.resolve("node_modules").resolve(".bin").resolve("buf");
        synchronized (Buf.class) {
            if (!Files.isExecutable(bin)) {
                Files.createDirectories(prefix);
                Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                        "@bufbuild/buf@" + VERSION).redirectErrorStream(true).start();
                String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(npm.waitFor(5, TimeUnit.MINUTES), "npm install timed out");
                assertEquals(0, npm.exitValue(), "npm install @bufbuild/buf failed:\n" + output);
            }
        }
        return bin;
    }
}
