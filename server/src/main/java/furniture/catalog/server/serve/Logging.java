package furniture.catalog.server.serve;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The log's format and level come from {@code logback.xml}, which reads {@code CATALOG_LOG_FORMAT} and
 * {@code CATALOG_LOG_LEVEL}; when the command line says otherwise, logback is configured again with its values.
 */
public final class Logging {
    /** {@code text} for a terminal, {@code json} for a log pipeline: one JSON object per line. */
    enum Format { text, json }

    private Logging() {}

    static void apply(Format format, String level) {
        // java.util.logging (grpc-java, the OpenTelemetry SDK) goes through logback too: one format for every line.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        boolean changed = set("CATALOG_LOG_FORMAT", format.name(), "text") | set("CATALOG_LOG_LEVEL", level, "WARN");
        if (!changed || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging: " + e.getMessage(), e);
        }
    }

    /** Writes out what the asynchronous appender still holds, and stops logging: the last thing a process does. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    /**
     * Sets {@code variable} for logback.xml to {@code value}; whether that differs from what logback was configured
     * with ({@code fallback} when unset), so that the usual start parses logback.xml once, not twice.
     */
    private static boolean set(String variable, String value, String fallback) {
        String configured = System.getProperty(variable, System.getenv(variable));
        if (value == null || value.equalsIgnoreCase(configured == null ? fallback : configured)) {
            return false;
        }
        System.setProperty(variable, value);
        return true;
    }
}
