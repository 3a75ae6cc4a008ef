package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.grpc.TokenStore;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `catalog serve` refuses what it must refuse, with one line and an exit code, before it listens. */
@CatalogDatabase
class ServeCommandTest {

    @Test
    void aDatabaseNotAtHeadIsRefusedWithTheCheckMessage(TestDatabase db) throws Exception {
        db.recreate();
        Cli cli = Cli.run("serve", "--port=0", "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + Cli.passwordFile(db));
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

    @Test
    void aNonLoopbackAddressWithoutTlsIsRefusedUnlessPlaintextIsAskedFor(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, TokenStore.hash("t") + " ed editor\n");
        Cli refused = Cli.run("serve", "--address=0.0.0.0", "--port=0", "--tokens-file=" + tokens, "--db-url=jdbc:mysql://127.0.0.1:9/none");
        assertEquals(2, refused.exitCode());
        assertEquals(List.of("catalog: refusing to serve plaintext on 0.0.0.0: bearer tokens would cross the network in the clear; "
                + "give --tls-cert and --tls-key (CATALOG_TLS_CERT, CATALOG_TLS_KEY), or --insecure-plaintext where a mesh "
                + "terminates TLS"), refused.errLines());

        // With the flag the policy lets it through; it then stops at the (closed) database, before listening.
        Cli allowed = Cli.run("serve", "--address=0.0.0.0", "--port=0", "--metrics-port=off", "--insecure-plaintext",
                "--tokens-file=" + tokens, "--db-url=jdbc:mysql://127.0.0.1:9/none");
        assertEquals(1, allowed.exitCode(), allowed.err());
        assertEquals(List.of("catalog: cannot reach the database at 127.0.0.1:9/none: Connection refused"), allowed.errLines());
    }

    @Test
    void aKeyWithoutACertificateOrTheReverseIsAUsageError(@TempDir Path dir) {
        String pem = dir.resolve("x.pem").toString();
        assertUsage(Cli.run("serve", "--port=0", "--tls-key=" + pem),
                "catalog: --tls-key (CATALOG_TLS_KEY) is set but --tls-cert (CATALOG_TLS_CERT) is not: give both");
        assertUsage(Cli.run("serve", "--port=0", "--tls-cert=" + pem),
                "catalog: --tls-cert (CATALOG_TLS_CERT) is set but --tls-key (CATALOG_TLS_KEY) is not: give both");
        assertUsage(Cli.run("serve", "--port=0", "--tls-client-ca=" + pem),
                "catalog: --tls-client-ca (CATALOG_TLS_CLIENT_CA) needs --tls-cert and --tls-key: mutual TLS is TLS first");
    }

    @Test
    void badKnobsAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
        assertUsage(Cli.run("serve", "--drain=soon"),
                "catalog: Invalid value for option '--drain': 'soon' is not a duration (e.g. 500ms, 10s, 2m, 1h) (see `catalog serve --help`)");
        assertUsage(Cli.run("serve", "--max-message-size=huge"),
                "catalog: Invalid value for option '--max-message-size': 'huge' is not a size (e.g. 4194304, 512KiB, 4MiB) (see `catalog serve --help`)");
        assertUsage(Cli.run("serve", "--log-format=xml"),
                "catalog: Invalid value for option '--log-format': expected one of [text, json] (case-sensitive) but was 'xml' (see `catalog serve --help`)");
        assertUsage(Cli.run("serve", "--metrics-port=nine"),
                "catalog: --metrics-port (CATALOG_METRICS_PORT) must be a port number (0 for any free one), not 'nine'");
        Files.writeString(dir.resolve("bad-tokens"), "not a token line\n");
        assertUsage(Cli.run("serve", "--port=0", "--metrics-port=off", "--tokens-file=" + dir.resolve("bad-tokens"),
                "--db-url=jdbc:mysql://127.0.0.1:9/none"), "catalog: " + dir.resolve("bad-tokens") + " line 1: expected "
                + "'<sha256 hex> <principal> <role>' or 'cert:<common name> <principal> <role>'");
        assertUsage(Cli.run("serve", "--port=0", "--metrics-port=off", "--tokens-file=" + dir.resolve("absent"),
                "--db-url=jdbc:mysql://127.0.0.1:9/none"), "catalog: the tokens file " + dir.resolve("absent") + " does not exist");
    }

    @Test
    void everyKnobTakesItsDefaultFromItsEnvironmentVariable(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CATALOG_METRICS_PORT", "not-a-port");
        Cli fromEnv = Cli.finish(Cli.start(env, dir, "serve"));
        assertEquals(2, fromEnv.exitCode(), fromEnv.err());
        assertEquals("catalog: --metrics-port (CATALOG_METRICS_PORT) must be a port number (0 for any free one), not 'not-a-port'",
                fromEnv.errLines().get(0));

        env.put("CATALOG_METRICS_PORT", "0");
        env.put("CATALOG_DRAIN", "3 fortnights");
        Cli badDuration = Cli.finish(Cli.start(env, dir, "serve"));
        assertEquals(2, badDuration.exitCode());
        assertTrue(badDuration.err().startsWith("catalog: Invalid value for option '--drain': '3 fortnights' is not a duration"),
                badDuration.err());

        // The TLS policy, from the environment alone, in a real process: no listener is opened.
        Files.writeString(dir.resolve("tokens"), TokenStore.hash("t") + " ed editor\n");
        Map<String, String> exposed = new HashMap<>(Map.of("CATALOG_GRPC_ADDRESS", "0.0.0.0", "CATALOG_TOKENS_FILE",
                dir.resolve("tokens").toString(), "CATALOG_DB_URL", "jdbc:mysql://127.0.0.1:9/none"));
        Cli plaintext = Cli.finish(Cli.start(exposed, dir, "serve"));
        assertEquals(2, plaintext.exitCode(), plaintext.err());
        assertEquals(List.of("catalog: refusing to serve plaintext on 0.0.0.0: bearer tokens would cross the network in the clear; "
                + "give --tls-cert and --tls-key (CATALOG_TLS_CERT, CATALOG_TLS_KEY), or --insecure-plaintext where a mesh "
                + "terminates TLS"), plaintext.errLines());
        exposed.put("CATALOG_TLS_KEY", dir.resolve("key.pem").toString());
        Cli keyOnly = Cli.finish(Cli.start(exposed, dir, "serve"));
        assertEquals(2, keyOnly.exitCode());
        assertEquals(List.of("catalog: --tls-key (CATALOG_TLS_KEY) is set but --tls-cert (CATALOG_TLS_CERT) is not: give both"),
                keyOnly.errLines());

        String help = Cli.run("serve", "--help").out().replaceAll("\\s+", " ");
        for (String variable : List.of("CATALOG_DB_URL", "CATALOG_DB_USER", "CATALOG_DB_PASSWORD", "CATALOG_DB_PASSWORD_FILE",
                "CATALOG_HOME", "CATALOG_GRPC_ADDRESS", "CATALOG_GRPC_PORT", "CATALOG_MIGRATE", "CATALOG_TOKENS_FILE",
                "CATALOG_TLS_CERT", "CATALOG_TLS_KEY", "CATALOG_TLS_CLIENT_CA", "CATALOG_TLS_REFRESH", "CATALOG_INSECURE_PLAINTEXT",
                "CATALOG_DB_POOL_SIZE", "CATALOG_DB_POOL_TIMEOUT", "CATALOG_DB_TIMEOUT", "CATALOG_MAX_CALLS", "CATALOG_MAX_MESSAGE_SIZE", "CATALOG_MAX_METADATA_SIZE",
                "CATALOG_HEALTH_PERIOD", "CATALOG_KEEPALIVE_TIME", "CATALOG_KEEPALIVE_TIMEOUT", "CATALOG_PERMIT_KEEPALIVE_TIME",
                "CATALOG_MAX_CONNECTION_AGE", "CATALOG_MAX_CONNECTION_AGE_GRACE", "CATALOG_DRAIN", "CATALOG_GRACE",
                "CATALOG_METRICS_PORT", "CATALOG_METRICS_ADDRESS", "OTEL_EXPORTER_OTLP_ENDPOINT", "CATALOG_OTLP_INTERVAL",
                "CATALOG_LOG_FORMAT", "CATALOG_LOG_LEVEL")) {
            assertTrue(help.contains(variable), variable + " in serve --help:\n" + help);
        }
        assertTrue(help.contains("Default: 9090"), help);
        assertTrue(help.contains("Default: 16KiB"), help);
    }

    @Test
    void theDatabasePasswordComesFromAFileAndOnlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        Path right = dir.resolve("right");
        Files.writeString(right, db.password() + "\n");
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not-the-password\n");
        db.recreate();
        Cli ok = Cli.run("db", "current", "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + right);
        assertEquals(0, ok.exitCode(), ok.err());
        Cli denied = Cli.run("db", "current", "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + wrong);
        assertEquals(1, denied.exitCode());
        assertTrue(denied.err().contains("check CATALOG_DB_USER and CATALOG_DB_PASSWORD"), denied.err());
        assertUsage(Cli.run("db", "current", "--db-url=" + db.url(), "--db-password-file=" + dir.resolve("missing")),
                "catalog: cannot read the database password file " + dir.resolve("missing") + ": " + dir.resolve("missing"));
        assertUsage(Cli.run("db", "current", "--db-url=" + db.url(), "--db-password=x", "--db-password-file=" + right),
                "catalog: give the database password once: --db-password (CATALOG_DB_PASSWORD) or --db-password-file "
                        + "(CATALOG_DB_PASSWORD_FILE), not both");
    }

    private static void assertUsage(Cli cli, String line) {
        assertUsage(cli, line, 2);
    }

    private static void assertUsage(Cli cli, String line, int code) {
        assertEquals(code, cli.exitCode(), cli.err());
        assertEquals(List.of(line), cli.errLines());
    }
}
