package furniture.catalog.server.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards a local port to the database, so a test can make the database "go away": by closing it (connections refused
 * and reset), or by silencing it (connections stay open and every byte is dropped, as when a network drops packets).
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;
    private volatile boolean silent;

    TcpProxy(String host, int targetPort) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (open) {
                try {
                    Socket client = listener.accept();
                    if (silent) {
                        sockets.add(client); // accepted, and never answered
                        continue;
                    }
                    Socket upstream = new Socket(host, targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on every byte either way is dropped and new connections are never answered. */
    void silence() {
        silent = true;
    }

    /** Bytes flow again, and new connections reach the database (those silenced meanwhile are out of step for good). */
    void resume() {
        silent = false;
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!silent) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // Either side closed.
            } finally {
                try {
                    to.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }, "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** Closes the port and every connection through it: the database is gone for whoever used the proxy. */
    @Override
    public void close() throws IOException {
        open = false;
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
