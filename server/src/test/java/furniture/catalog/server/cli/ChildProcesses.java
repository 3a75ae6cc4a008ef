package furniture.catalog.server.cli;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (META-INF/services, with autodetection on in junit-platform.properties): after a
 * class, destroys the catalog processes it started and left running, and says so on stderr.
 */
public final class ChildProcesses implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        int left = Cli.destroyStarted();
        if (left > 0) {
            System.err.println(context.getDisplayName() + " left " + left + " catalog process(es) running; destroyed");
        }
    }
}
