package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.rpc.ErrorInfo;
import furniture.catalog.server.ops.ServeProcess;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.GetColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a newcomer meets walking the workflow: help on every command, and each mistake or mishap one line with its exit
 * code, through the CLI and the real process.
 */
@CatalogDatabase
class NewcomerPathTest {
    static Stream<String> commands() {
        return Stream.of("", "db", "serve", "help", "db upgrade", "db downgrade", "db current", "db history", "db stamp", "db unlock",
                "db restore", "db merge", "db revision", "db migrate", "db diff", "db check", "db lint");
    }

    private static String[] words(String command, String... more) {
        return Stream.concat(command.isEmpty() ? Stream.empty() : Stream.of(command.split(" ")), Stream.of(more)).toArray(String[]::new);
    }

    @ParameterizedTest(name = "catalog {0} --help")
    @MethodSource("commands")
    void everyCommandTakesHelpAndMinusH(String command) {
        Cli help = Cli.run(words(command, "--help"));
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: catalog" + (command.isEmpty() ? "" : " " + command)), help.out());
        assertEquals("", help.err());
        assertEquals(help.out(), Cli.run(words(command, "-h")).out(), "-h is --help");
        if (!command.equals("db")) {
            assertTrue(help.out().contains("\nExamples:\n  catalog "), "examples in " + command + ":\n" + help.out());
        }
        if (!command.equals("help")) {
            assertEquals(help.out(), Cli.run(words("help " + command)).out(), "catalog help " + command);
        }
    }

    @Test
    void helpOfAnUnknownCommandNamesTheKnownOnes() {
        Cli help = Cli.run("help", "db", "upgrad");
        assertEquals(2, help.exitCode());
        assertEquals("catalog: there is no `catalog db upgrad`; the commands of `catalog db`: upgrade, downgrade, current, history, "
                + "stamp, unlock, restore, merge, revision, migrate, diff, check, lint (see `catalog db --help`)", help.err().strip());
        Cli typo = Cli.run("db", "upgrad");
        assertEquals(2, typo.exitCode());
        assertEquals(help.err(), typo.err(), "a mistyped command says the same as help of it");
        assertEquals("catalog: there is no `catalog nosuch`; the commands of `catalog`: db, serve, help (see `catalog --help`)",
                Cli.run("nosuch").err().strip());
    }

    @Test
    void checkHelpStatesEveryConditionItChecks() {
        String help = Cli.run("db", "check", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("exactly at head, with valid checksums, no migration stopped partway, and its schema exactly the model"), help);
    }

    @Test
    void aMariadbUrlSaysWhatToWriteInstead() {
        Cli cli = Cli.run("db", "current", "--db-url=jdbc:mariadb://127.0.0.1:3306/catalog?password=SEKRET1");
        assertEquals(2, cli.exitCode());
        assertEquals("catalog: --db-url jdbc:mariadb://127.0.0.1:3306/catalog?password=***: catalog talks to MariaDB through MySQL "
                + "Connector/J, which takes jdbc:mysql: URLs; write jdbc:mysql://127.0.0.1:3306/catalog?password=***", cli.err().strip());
    }

    @Test
    void aUrlWithoutADatabaseIsRefusedBeforeAnythingRuns() {
        for (String url : List.of("jdbc:mysql://127.0.0.1:3306", "jdbc:mysql://127.0.0.1:3306/", "jdbc:mysql://127.0.0.1:3306/?useSSL=false")) {
            Cli cli = Cli.run("db", "upgrade", "--db-url=" + url);
            assertEquals(2, cli.exitCode(), url);
            assertTrue(cli.err().strip().matches("catalog: --db-url \\S+ names no database: put its name after the host, e\\.g\\. "
                    + "jdbc:mysql://127\\.0\\.0\\.1:3306/catalog"), cli.err());
            assertEquals("", cli.out());
        }
    }

    @Test
    void aDatabaseThatDoesNotExistSaysHowToCreateIt(TestDatabase db) throws Exception {
        String url = db.serverUrl() + "no_such_catalog_db";
        Cli cli = Cli.run("db", "current", "--db-url=" + url, "--db-user=" + db.user(), "--db-password-file=" + passwordFile(db));
        assertEquals(1, cli.exitCode());
        assertTrue(cli.err().strip().matches("catalog: database \\S+/no_such_catalog_db does not exist: create it first \\(CREATE DATABASE "
                + "`no_such_catalog_db` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci\\), then run the command again"), cli.err());
    }

    @Test
    void restoreOfAMissingFileSaysSo(TestDatabase db) throws Exception {
        db.recreate();
        Cli cli = Cli.run("db", "restore", "missing.sql", "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + Cli.passwordFile(db));
        assertEquals(2, cli.exitCode());
        assertEquals("catalog: cannot read missing.sql: no such file", cli.errLines().get(cli.errLines().size() - 1));
    }

    @Test
    void dbCommandsWarnAboutAPasswordOnTheCommandLine(TestDatabase db) throws Exception {
        Cli cli = Cli.run("db", "current", "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password=visible-in-ps");
        assertEquals("catalog: warning: --db-password is visible to every local user in `ps`; use CATALOG_DB_PASSWORD_FILE or "
                + "CATALOG_DB_PASSWORD", cli.errLines().get(0), cli.err());
        assertFalse(cli.err().contains("visible-in-ps") || cli.out().contains("visible-in-ps"), "the password itself is not printed");
        assertEquals("", Cli.run("db", "current", "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + passwordFile(db)).err());
    }

    @Test
    void stampKeepsTheHistoryAndShowsItselfThroughTheCli(TestDatabase db) throws Exception {
        db.recreate();
        String[] database = {"--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + passwordFile(db)};
        assertEquals(0, Cli.run(Stream.concat(Stream.of("db", "upgrade"), Stream.of(database)).toArray(String[]::new)).exitCode());
        String appliedFour = Cli.run(Stream.concat(Stream.of("db", "history", "--verbose"), Stream.of(database)).toArray(String[]::new))
                .outLines().get(7);
        Cli stamp = Cli.run(Stream.concat(Stream.of("db", "stamp", "4"), Stream.of(database)).toArray(String[]::new));
        assertEquals("stamped: now at 4 (c9f0b720f6c2 add unit of measures table) - 2 pending\n", stamp.out());
        List<String> verbose = Cli.run(Stream.concat(Stream.of("db", "history", "--verbose"), Stream.of(database)).toArray(String[]::new))
                .outLines();
        assertEquals(appliedFour, verbose.get(7), "version 4 keeps its apply time, author and checksum");
        assertEquals("5    pending   1114dac3f5e4 agregar tabla tipo de mueble", verbose.get(8));
        assertTrue(verbose.get(9).matches("       applied \\S+ \\S+ by \\S+ in \\d+ ms"), verbose.get(9));
        assertTrue(verbose.get(10).matches("       unapplied by a stamp \\S+ \\S+ by \\S+"), verbose.get(10));
        assertEquals(8, db.queryLong("SELECT COUNT(*) FROM flyway_schema_history"), "six applies and the stamp's two rows");
        assertTrue(verbose.get(verbose.size() - 2).equals("stamps and unlocks:"), String.join("\n", verbose));
        assertTrue(verbose.get(verbose.size() - 1).matches("  \\S+ \\S+Z by \\S+ on \\S+: stamp 4, from 6 to 4: cancelled 6, 5"),
                verbose.get(verbose.size() - 1));

        // Stamped above, then below that stamp: the replaced stamp is in the log, not lost.
        assertEquals(0, Cli.run(Stream.concat(Stream.of("db", "stamp", "6"), Stream.of(database)).toArray(String[]::new)).exitCode());
        assertEquals(0, Cli.run(Stream.concat(Stream.of("db", "stamp", "5"), Stream.of(database)).toArray(String[]::new)).exitCode());
        List<String> log = Cli.run(Stream.concat(Stream.of("db", "history", "--verbose"), Stream.of(database)).toArray(String[]::new))
                .outLines();
        assertTrue(log.get(log.size() - 2).endsWith("stamp 6, from 4 to 6: counts every version up to 6 as applied"), String.join("\n", log));
        assertTrue(log.get(log.size() - 1).matches("  .*: stamp 5, from 6 to 5: replaced the stamp to 6 of \\S+ by \\S+; counts every "
                + "version up to 5 as applied"), log.get(log.size() - 1));
    }

    @Test
    void theReadmeShowsNoPathOfADevelopersMachine() throws Exception {
        Path root = Path.of(System.getProperty("catalog.repo.root", "..")).toAbsolutePath().normalize();
        for (String doc : List.of("README.md", "docs/cli.md", "docs/api.md")) {
            String text = Files.readString(root.resolve(doc));
            for (String machine : List.of("/work/", "/root/", "/tmp/catalog", root.toString())) {
                assertFalse(text.contains(machine), doc + " shows " + machine);
            }
        }
    }

    @Test
    void aLargeTableOfOneRowIsOneRow(TestDatabase db, @TempDir Path dir) throws Exception {
        db.recreate();
        Path scripts = Cli.copyBuiltInScripts(Files.createDirectories(dir.resolve("migration")));
        Files.writeString(scripts.resolve("V7__narrow.sql"), "ALTER TABLE colors MODIFY name VARCHAR(40) NOT NULL;\n");
        Files.writeString(scripts.resolve("D7__narrow.sql"), "ALTER TABLE colors MODIFY name VARCHAR(50) NOT NULL;\n");
        String[] database = {"--migrations=" + scripts, "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + passwordFile(db)};
        assertEquals(0, Cli.run(Stream.concat(Stream.of("db", "upgrade", "6"), Stream.of(database)).toArray(String[]::new)).exitCode());
        db.execute("INSERT INTO colors (name, active) VALUES ('Oak', 1)");
        Cli cli = Cli.run(Stream.concat(Stream.of("db", "upgrade", "--large-table-rows=1"), Stream.of(database)).toArray(String[]::new));
        assertEquals(1, cli.exitCode());
        assertTrue(cli.err().contains("on colors (1 row) runs with ALGORITHM=COPY"), cli.err());
    }

    @Test
    void theGrpcPortInUseIsOneLineAndHealthNeverSaidServing(TestDatabase db, @TempDir Path home) throws Exception {
        db.recreate();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process serve = Cli.start(Map.of("CATALOG_DB_PASSWORD", db.password()), home, "serve", "--port=" + taken.getLocalPort(),
                    "--metrics-port=off", "--migrate", "--home=" + home, "--db-url=" + db.url(), "--db-user=" + db.user());
            Cli result = Cli.finish(serve);
            assertEquals(1, result.exitCode(), result.out() + result.err());
            List<String> errors = result.errLines().stream().filter(l -> l.startsWith("catalog: ")).toList();
            assertEquals(List.of("catalog: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use (another "
                    + "catalog serve? --port, or CATALOG_GRPC_PORT, picks another; 0 any free one)"), errors);
            assertFalse(result.err().contains("SERVING"), "health said nothing before the server listened:\n" + result.err());
            assertFalse(result.err().contains("Exception"), result.err());
        }
    }

    @Test
    void aSchemaChangedUnderARunningServerIsUnavailableWithItsReason(TestDatabase db, @TempDir Path home) throws Exception {
        db.recreate();
        Map<String, String> env = Map.of("CATALOG_DB_URL", db.url(), "CATALOG_DB_USER", db.user(), "CATALOG_DB_PASSWORD", db.password(),
                "CATALOG_HOME", home.toString(), "CATALOG_METRICS_PORT", "off");
        try (ServeProcess serve = ServeProcess.start(env, home, "--port=0", "--migrate")) {
            String token = Files.readString(home.resolve("admin.token")).strip();
            ManagedChannel channel = serve.channel();
            try {
                ColorServiceGrpc.ColorServiceBlockingStub colors = ColorServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(ServeProcess.withToken(token));
                long id = colors.createColor(CreateColorRequest.newBuilder().setColor(furniture.catalog.v1.Color.newBuilder()
                        .setName("Walnut")).build()).getId();
                Cli down = Cli.run("db", "downgrade", "--allow-data-loss", "--home=" + home, "--db-url=" + db.url(),
                        "--db-user=" + db.user(), "--db-password-file=" + Cli.passwordFile(db));
                assertEquals(0, down.exitCode(), down.err());

                StatusRuntimeException read = assertThrows(StatusRuntimeException.class,
                        () -> colors.getColor(GetColorRequest.newBuilder().setId(id).build()));
                assertEquals(Status.Code.UNAVAILABLE, read.getStatus().getCode(), read.getStatus().toString());
                assertEquals("SCHEMA_MISMATCH", detail(read).getReason());
                assertFalse(read.getStatus().getDescription().contains("row_version"), "no SQL in the message: " + read.getStatus());
                StatusRuntimeException write = assertThrows(StatusRuntimeException.class, () -> colors.createColor(CreateColorRequest
                        .newBuilder().setColor(furniture.catalog.v1.Color.newBuilder().setName("Oak")).build()));
                assertEquals(Status.Code.UNAVAILABLE, write.getStatus().getCode(), write.getStatus().toString());
                assertEquals(1, db.queryLong("SELECT COUNT(*) FROM colors"), "nothing was written");
            } finally {
                channel.shutdownNow();
            }
        }
    }

    private static Path passwordFile(TestDatabase db) {
        return Cli.passwordFile(db);
    }

    private static ErrorInfo detail(StatusRuntimeException e) throws Exception {
        for (com.google.protobuf.Any any : StatusProto.fromThrowable(e).getDetailsList()) {
            if (any.is(ErrorInfo.class)) {
                return any.unpack(ErrorInfo.class);
            }
        }
        throw new AssertionError("no ErrorInfo in " + e.getStatus());
    }
}
