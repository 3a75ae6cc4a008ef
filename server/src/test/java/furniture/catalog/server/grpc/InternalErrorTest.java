package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.rpc.ErrorInfo;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Something the service did not expect is INTERNAL with an error id that is also in the log, and nothing else leaks. */
@CatalogDatabase
class InternalErrorTest {

    @Test
    void aRowThatBreaksTheRulesIsAnInternalErrorWithAnIdInTheLog(TestDatabase db, @TempDir Path dir) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("furniture.catalog.grpc.ErrorMapper");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try (TestCatalogServer server = TestCatalogServer.start(db, dir)) {
            db.execute("INSERT INTO colors (name, active) VALUES ('tab\there', 1)");
            long id = db.queryLong("SELECT id_color FROM colors WHERE name LIKE 'tab%'");
            Api colors = Api.all().get(0);
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> server.call(colors.method("Get"), colors.request("Get", Map.of("id", id)), TestCatalogServer.READER));
            assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
            String errorId = Api.detail(e, ErrorInfo.class).getMetadataOrThrow("error_id");
            assertEquals("INTERNAL", Api.reason(e));
            assertEquals("internal error " + errorId + "; the service's log has the details", e.getStatus().getDescription());
            assertFalse(e.getStatus().getDescription().contains("tab"), "no detail of the data reaches the caller");
            assertTrue(logged.list.stream().anyMatch(event -> event.getFormattedMessage().contains(errorId)
                    && event.getThrowableProxy() != null), "the log has the id and the stack trace");
        } finally {
            logger.detachAppender(logged);
        }
    }
}
