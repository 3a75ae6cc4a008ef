package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newcomer with nothing configured: the embedded MariaDB under CATALOG_HOME, kept across runs. */
class EmbeddedDefaultTest {

    @Test
    void withNoDatabaseConfiguredTheEmbeddedMariaDbIsUsedAndKeepsItsDataAcrossRuns(@TempDir Path home) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CATALOG_DB_URL", null);
        env.put("CATALOG_HOME", home.toString());
        Cli upgrade = Cli.finish(Cli.start(env, home, "db", "upgrade"));
        assertEquals(0, upgrade.exitCode(), upgrade.err());
        assertEquals("now at 6 (add row version) (head)", upgrade.outLines().get(6));
        assertTrue(Files.isDirectory(home.resolve("mariadb").resolve("data").resolve("catalog")));

        Cli current = Cli.finish(Cli.start(env, home, "db", "current"));
        assertEquals(0, current.exitCode(), current.err());
        assertEquals("6 (add row version) (head)\n", current.out());
        assertTrue(Files.notExists(home.resolve("mariadb").resolve("port")), "the server was stopped when the command ended");
    }

    @Test
    void twoClonesStartingAtOnceShareOneCopyOfTheBinariesAndStaySmall(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        List<Process> clones = new java.util.ArrayList<>();
        for (String clone : List.of("a", "b")) {
            Map<String, String> env = new HashMap<>();
            env.put("CATALOG_DB_URL", null);
            env.put("CATALOG_HOME", dir.resolve(clone).resolve(".catalog").toString());
            env.put("CATALOG_CACHE_DIR", cache.toString());
            clones.add(Cli.start(env, dir, "db", "upgrade"));
        }
        for (Process clone : clones) {
            Cli done = Cli.finish(clone);
            assertEquals(0, done.exitCode(), done.err());
            assertEquals("now at 6 (add row version) (head)", done.outLines().get(done.outLines().size() - 1));
        }
        try (var versions = Files.list(cache)) {
            assertEquals(List.of("mariadb-11.4.5-linux", "mariadb-11.4.5-linux.lock"),
                    versions.map(p -> p.getFileName().toString()).sorted().toList(), "one copy of the binaries, per version");
        }
        assertTrue(Files.exists(cache.resolve("mariadb-11.4.5-linux").resolve(".unpacked")));
        for (String clone : List.of("a", "b")) {
            long mib = size(dir.resolve(clone).resolve(".catalog")) / (1024 * 1024);
            assertTrue(mib <= 100, "a clone's .catalog holds " + mib + " MiB");
            assertTrue(Files.notExists(dir.resolve(clone).resolve(".catalog").resolve("mariadb").resolve("base")), "no binaries per clone");
        }
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
