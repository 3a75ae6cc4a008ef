package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
}
