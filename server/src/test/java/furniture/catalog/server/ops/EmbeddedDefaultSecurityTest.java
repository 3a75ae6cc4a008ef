package furniture.catalog.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.UpdateColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's default, locked down: the embedded MariaDB has a root password (kept 0600), refuses other users and a
 * passwordless root, keeps its socket and file access under the home folder; and SIGTERM lets a call in flight finish
 * before the database stops.
 */
class EmbeddedDefaultSecurityTest {

    @Test
    void theEmbeddedDatabaseHasCredentialsAndOutlivesTheCallsInFlight(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Map<String, String> env = new HashMap<>();
        env.put("CATALOG_DB_URL", null);
        env.put("CATALOG_HOME", home.toString());
        env.put("CATALOG_METRICS_PORT", "0");
        try (ServeProcess serve = ServeProcess.start(env, dir, "--port=0", "--grace=30s")) {
            Path mariadb = home.resolve("mariadb");
            int dbPort = Integer.parseInt(Files.readString(mariadb.resolve("port")).strip());
            String password = Files.readString(mariadb.resolve("root.password")).strip();
            assertTrue(password.length() >= 32, "a long random password");
            for (Path folder : new Path[] {home, mariadb, mariadb.resolve("files")}) {
                assertEquals("rwx------", mode(folder), folder + " is private");
            }
            for (Path file : new Path[] {mariadb.resolve("root.password"), home.resolve("admin.token"), home.resolve("tokens")}) {
                assertEquals("rw-------", mode(file), file + " is private");
            }

            assertEquals(1045, refusal(dbPort, "nobody", ""), "an unknown user is refused");
            assertEquals(1045, refusal(dbPort, "root", ""), "root without the password is refused");
            assertEquals(1045, refusal(dbPort, "root", "guess"), "root with a wrong password is refused");
            try (Connection root = connect(dbPort, "root", password); Statement s = root.createStatement();
                    ResultSet rs = s.executeQuery("SELECT @@socket, @@secure_file_priv, @@skip_networking, "
                            + "(SELECT COUNT(*) FROM mysql.global_priv WHERE User = '')")) {
                rs.next();
                assertEquals(mariadb.resolve("mysqld.sock").toString(), rs.getString(1));
                assertEquals(mariadb.resolve("files") + "/", rs.getString(2));
                assertEquals(0, rs.getInt(4), "no anonymous account");
            }

            String token = Files.readString(home.resolve("admin.token")).strip();
            ManagedChannel channel = serve.channel();
            ColorServiceGrpc.ColorServiceBlockingStub colors = ColorServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(ServeProcess.withToken(token));
            long id = colors.createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Slow")).build()).getId();
            CompletableFuture<Color> inFlight;
            try (Connection blocker = connect(dbPort, "root", password); Statement s = blocker.createStatement()) {
                blocker.setAutoCommit(false);
                s.executeQuery("SELECT * FROM catalog.colors WHERE id_color = " + id + " FOR UPDATE").close();
                inFlight = CompletableFuture.supplyAsync(() -> colors.withDeadlineAfter(60, TimeUnit.SECONDS).updateColor(
                        UpdateColorRequest.newBuilder().setColor(Color.newBuilder().setId(id).setName("Finished"))
                                .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build()));
                ServeProcess.waitFor(() -> waiting(blocker), "the update to wait for its lock");

                serve.signal("TERM");
                ManagedChannel fresh = serve.channel();
                ServeProcess.waitFor(() -> ServeProcess.refusesNewCalls(fresh), "the server to refuse new calls");
                fresh.shutdownNow();
                assertFalse(inFlight.isDone(), "the call in flight still waits for its lock");
                assertTrue(answers(dbPort), "the embedded database is still up while a call is in flight");
                blocker.rollback();
            }
            assertEquals("Finished", inFlight.get(30, TimeUnit.SECONDS).getName(), "the call in flight finished");
            assertEquals(143, serve.awaitExit(), "ended by SIGTERM, as a JVM reports it (128 + 15)");
            channel.shutdownNow();
            assertFalse(answers(dbPort), "then the embedded database stopped");
            assertFalse(Files.exists(mariadb.resolve("port")));
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", user, password);
    }

    private static int refusal(int port, String user, String password) {
        return assertThrows(SQLException.class, () -> connect(port, user, password).close()).getErrorCode();
    }

    private static boolean waiting(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.processlist "
                + "WHERE db = 'catalog' AND info LIKE '%FOR UPDATE%' AND info NOT LIKE '%processlist%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
