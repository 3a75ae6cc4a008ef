package furniture.catalog.server.serve;

import furniture.catalog.grpc.TokenSource;
import furniture.catalog.grpc.TokenStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens file, read again when it changes on disk (its folder is watched, so an editor's save, a rename over it
 * and a Kubernetes secret's symlink swap are all seen) and on {@link #reload}, which {@code catalog serve} calls on
 * SIGHUP. A call takes the callers current when it starts, so calls in flight are untouched. A new file that does not
 * load (a bad line, a duplicate, a missing file) leaves the previous callers in place and logs why.
 */
final class ReloadingTokens implements TokenSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadingTokens.class);

    private final Path file;
    private final WatchService watcher;
    private final Thread watching;
    private volatile TokenStore current;
    private byte[] loadedBytes;

    private ReloadingTokens(Path file, TokenStore first, byte[] bytes) throws IOException {
        this.file = file;
        this.current = first;
        this.loadedBytes = bytes;
        Path folder = file.toAbsolutePath().getParent();
        this.watcher = folder.getFileSystem().newWatchService();
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.watching = new Thread(this::watch, "catalog-tokens-watch");
        this.watching.setDaemon(true);
    }

    /** Loads the file (a bad one is an error here: there is nothing older to keep) and starts watching it. */
    static ReloadingTokens watch(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ReloadingTokens tokens = new ReloadingTokens(file, parse(file, bytes), bytes);
        tokens.watching.start();
        return tokens;
    }

    @Override
    public TokenStore current() {
        return current;
    }

    /** Reads the file again; returns whether the callers changed. */
    synchronized boolean reload(String why) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            log.warn("tokens: {} is gone ({}); keeping the {} callers loaded before", file, why, current.size());
            return false;
        } catch (IOException e) {
            log.warn("tokens: cannot read {} ({}): {}; keeping the {} callers loaded before", file, why, e.getMessage(), current.size());
            return false;
        }
        if (Arrays.equals(bytes, loadedBytes)) {
            return false;
        }
        try {
            TokenStore next = parse(file, bytes);
            current = next;
            loadedBytes = bytes;
            log.info("tokens: reloaded {} callers from {} ({})", next.size(), file, why);
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("tokens: kept the {} callers loaded before; the new file is refused ({}): {}", current.size(), why, e.getMessage());
            return false;
        }
    }

    private static TokenStore parse(Path file, byte[] bytes) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        return TokenStore.parse(file.toString(), lines);
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                reload("changed on disk");
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: the server is stopping.
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
        watching.interrupt();
    }
}
