package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `catalog serve` refuses what it must refuse, with one line and an exit code, before it listens. */
@CatalogDatabase
class ServeCommandTest {

    @Test
    void aDatabaseNotAtHeadIsRefusedWithTheCheckMessage(TestDatabase db) throws Exception {
        db.recreate();
        Cli cli = Cli.run("serve", "--port=0", "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password=" + db.password());
        assertEquals(1, cli.exitCode());
        assertEquals(List.of("catalog: the database is not ready: 6 pending (1, 2, 3, 4, 5, 6): the database is at base, head is 6; "
                + "run `catalog db upgrade` (or start with `catalog serve --migrate`)"), cli.errLines());
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"),
                "nothing was migrated without --migrate");
    }

    @Test
    void anyAddressButLoopbackNeedsATokensFile() {
        Cli cli = Cli.run("serve", "--address=0.0.0.0", "--port=0", "--db-url=jdbc:mysql://127.0.0.1:9/none");
        assertEquals(2, cli.exitCode());
        assertEquals(List.of("catalog: refusing to listen on 0.0.0.0 without CATALOG_TOKENS_FILE: the generated admin token "
                + "is for 127.0.0.1 only"), cli.errLines());
    }

    @Test
    void anUnknownAddressIsAUsageError() {
        Cli cli = Cli.run("serve", "--address=no.such.host.invalid", "--port=0");
        assertEquals(2, cli.exitCode());
        assertEquals(List.of("catalog: cannot listen on 'no.such.host.invalid': unknown address"), cli.errLines());
    }
}
