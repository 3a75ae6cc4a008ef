package furniture.catalog.server.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The 3-node MariaDB Galera cluster of {@code testkit/galera/cluster}, on 127.0.0.1: started for a test class, stopped
 * after it. Node i answers on {@code BASE + i}; every node is root without a password.
 */
final class GaleraCluster implements AutoCloseable {
    static final int NODES = 3;

    private final Path script;
    private final Path dir;
    private final int basePort;

    private GaleraCluster(Path script, Path dir, int basePort) {
        this.script = script;
        this.dir = dir;
        this.basePort = basePort;
    }

    /** Starts a fresh cluster with its data under {@code dir} (fails with the script's message when it cannot). */
    static GaleraCluster start(Path dir) throws Exception {
        Path root = Path.of(System.getProperty("catalog.repo.root", "..")).toAbsolutePath().normalize();
        int base = Integer.parseInt(System.getenv().getOrDefault("CATALOG_GALERA_BASE_PORT", "3310"));
        GaleraCluster cluster = new GaleraCluster(root.resolve("testkit/galera/cluster"), dir, base);
        cluster.script("start", dir.toString(), Integer.toString(NODES));
        return cluster;
    }

    int port(int node) {
        return basePort + node;
    }

    /** The JDBC URL of {@code database} on {@code node} (1-based). */
    String url(int node, String database) {
        return "jdbc:mysql://127.0.0.1:" + port(node) + "/" + database;
    }

    Connection connect(int node, String database) throws SQLException {
        return DriverManager.getConnection(url(node, database) + "?connectionTimeZone=UTC", "root", "");
    }

    /** Runs one statement on {@code node} (no database selected). */
    void execute(int node, String sql) throws SQLException {
        try (Connection c = connect(node, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of every row of {@code sql} on {@code node}, as text. */
    List<String> column(int node, String database, String sql) throws SQLException {
        try (Connection c = connect(node, database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** kill -9 of one node's mariadbd, as a crash would. */
    void kill(int node) throws Exception {
        script("kill", dir.toString(), Integer.toString(node));
    }

    /** Starts a killed node again and waits until it has rejoined and synced. */
    void restart(int node) throws Exception {
        script("start-node", dir.toString(), Integer.toString(node), Integer.toString(NODES));
    }

    private String script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("testkit/galera/cluster " + String.join(" ", args) + " failed:\n" + out);
        }
        System.out.print(out);
        return out;
    }

    @Override
    public void close() throws Exception {
        script("stop", dir.toString());
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
