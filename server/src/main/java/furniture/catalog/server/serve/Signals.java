package furniture.catalog.server.serve;

import org.slf4j.LoggerFactory;

/** SIGHUP, the operator's "read your files again", through the JDK's signal API (jdk.unsupported). */
final class Signals {
    private Signals() {}

    static void onHangup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException e) {
            // No SIGHUP on this platform (or the JVM keeps it): files are still re-read when they change.
            LoggerFactory.getLogger(Signals.class).warn("SIGHUP cannot be handled here: {}", e.getMessage());
        }
    }
}
