package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code catalog db current --db-url '…?password=SEKRET1'} printed the password back. Such a URL is now
 * refused (main, a2b0046), and the password written in it, either way Connector/J takes one, is never printed: not in
 * the refusal, an error, {@code --json}, nor the log.
 */
@CatalogDatabase
class PasswordInUrlTest {
    private static final String SECRET = "SEKRET1";

    /** The URLs a user might give: the database's own, one naming no such database, one no server answers. */
    private static List<String> urls(TestDatabase db) {
        String here = db.url();
        String host = here.replaceFirst("^jdbc:mysql://([^/]+)/.*$", "$1");
        List<String> urls = new ArrayList<>();
        for (String base : List.of(here, "jdbc:mysql://" + host + "/no_such_catalog_db", "jdbc:mysql://127.0.0.1:9/catalog")) {
            urls.add(base + (base.contains("?") ? "&" : "?") + "password=" + SECRET);
            urls.add(base.replaceFirst("^jdbc:mysql://", "jdbc:mysql://" + db.user() + ":" + SECRET + "@"));
            urls.add(base + (base.contains("?") ? "&" : "?") + "connectTimeout=800&user=" + db.user() + "&password=" + SECRET);
        }
        return urls;
    }

    @Test
    void aPasswordInTheUrlIsNeverPrinted(TestDatabase db) throws Exception {
        db.recreate();
        for (String url : urls(db)) {
            for (List<String> command : List.of(List.of("db", "current"), List.of("db", "current", "--json"), List.of("db", "check"),
                    List.of("db", "check", "--json"), List.of("db", "history"), List.of("db", "upgrade", "--sql"))) {
                List<String> args = new ArrayList<>(command);
                args.addAll(List.of("--db-url", url, "--db-user", db.user()));
                Cli cli = Cli.run(args.toArray(String[]::new));
                String printed = cli.out() + cli.err();
                assertFalse(printed.contains(SECRET), String.join(" ", args) + " printed:\n" + printed);
                assertFalse(printed.isBlank(), String.join(" ", args) + " printed nothing");
            }
        }
    }

    @Test
    void theIssuesCommandAsAProcessPrintsNoPasswordInItsOutputNorItsLog(TestDatabase db, @TempDir Path dir) throws Exception {
        db.recreate();
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "password=" + SECRET;
        for (String[] command : new String[][] {{"db", "current"}, {"db", "current", "--json"}, {"db", "upgrade"}}) {
            Path err = Files.createTempFile(dir, "err", ".txt");
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--db-url", url, "--db-user", db.user(), "--db-password-file", Cli.passwordFile(db).toString()));
            Process p = Cli.start(Map.of(), dir, err, args.toArray(String[]::new));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            String printed = out + Files.readString(err);
            assertNotEquals(0, p.exitValue(), "a URL carrying a password is refused: " + printed);
            assertFalse(printed.isBlank(), String.join(" ", command) + " printed nothing");
            assertFalse(printed.contains(SECRET), String.join(" ", command) + " printed:\n" + printed);
        }
    }
}
