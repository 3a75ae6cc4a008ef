package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.testkit.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stock MariaDB command-line client (the system's, else the one the embedded server ships), on a test database. */
final class StockClient {
    private StockClient() {}

    static ProcessBuilder on(TestDatabase db, String... options) {
        Matcher m = Pattern.compile("jdbc:mysql://([^:/]+):(\\d+)/").matcher(db.serverUrl());
        assertTrue(m.find(), db.serverUrl());
        List<String> command = new ArrayList<>(List.of(binary(), "--host=" + m.group(1), "--port=" + m.group(2), "--user=" + db.user()));
        if (!db.password().isEmpty()) {
            command.add("--password=" + db.password());
        }
        command.addAll(List.of(options));
        command.add(db.name());
        return new ProcessBuilder(command);
    }

    /** Runs {@code sql} through the client, as a DBA would paste it; fails the test with the client's output if it fails. */
    static void run(TestDatabase db, String sql) throws Exception {
        Process client = on(db).redirectErrorStream(true).start();
        client.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, client.waitFor(), output);
    }

    private static String binary() {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "mariadb"))) {
                return Path.of(dir, "mariadb").toString();
            }
        }
        Path embedded = Path.of(System.getProperty("catalog.repo.root", "..")).resolve("target/test-mariadb/base/bin/mariadb");
        assertTrue(Files.isExecutable(embedded), "no mariadb client on PATH nor at " + embedded);
        return embedded.toString();
    }
}
