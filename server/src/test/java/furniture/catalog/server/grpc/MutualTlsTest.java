package furniture.catalog.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.server.serve.CatalogServer;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS: a client certificate signed by the configured CA is the caller, its CN mapped to a principal and role by
 * the tokens file; callers without one still use bearer tokens; and a renewed server certificate is served without a
 * restart.
 */
@CatalogDatabase
class MutualTlsTest {
    @TempDir
    static Path certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        ca("ca");
        ca("other-ca");
        signed("server", "localhost", "ca", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        signed("inventory", "inventory-svc", "ca", "extendedKeyUsage=clientAuth");
        signed("stranger", "stranger", "ca", "extendedKeyUsage=clientAuth");
        signed("forged", "inventory-svc", "other-ca", "extendedKeyUsage=clientAuth");
        signed("renewed", "localhost", "other-ca", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    }

    @Test
    void aClientCertificateIsTheCallerAndBearerTokensStillWork(TestDatabase db, @TempDir Path dir) throws Exception {
        try (TestCatalogServer test = TestCatalogServer.start(db, dir, s -> s.withTls(tls(Duration.ofMinutes(1))))) {
            int port = test.server.port();
            Color created = colors(channel(port, "ca", "inventory"), null).createColor(create("Ash"));
            assertEquals("inventory", created.getCreatedBy(), "the principal the tokens file maps CN=inventory-svc to");

            StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                    () -> colors(channel(port, "ca", "stranger"), null).createColor(create("Elm")));
            assertEquals(Status.Code.UNAUTHENTICATED, unknown.getStatus().getCode());
            assertEquals("client certificate CN=stranger is not in the tokens file; add 'cert:stranger <principal> <role>'",
                    unknown.getStatus().getDescription());

            Color byToken = colors(channel(port, "ca", null), TestCatalogServer.EDITOR).createColor(create("Fir"));
            assertEquals("ed", byToken.getCreatedBy(), "without a certificate, the bearer token names the caller");

            StatusRuntimeException forged = assertThrows(StatusRuntimeException.class,
                    () -> colors(channel(port, "ca", "forged"), null).createColor(create("Yew")));
            // Client certificates are optional, so the JDK finishes the handshake without one it cannot verify: the
            // call is then as anonymous as one with no certificate, and is refused.
            assertEquals(Status.Code.UNAUTHENTICATED, forged.getStatus().getCode(), "a certificate from another CA names nobody");
            assertEquals("send 'authorization: Bearer <token>'", forged.getStatus().getDescription());
            assertEquals(2, db.queryLong("SELECT COUNT(*) FROM colors WHERE name IN ('Ash', 'Fir')"), "the two accepted calls wrote");
            assertEquals(2, db.queryLong("SELECT COUNT(*) FROM colors"), "the refused ones did not");
        }
    }

    @Test
    void aRenewedServerCertificateIsServedWithoutARestart(TestDatabase db, @TempDir Path dir) throws Exception {
        Path liveCert = dir.resolve("live.pem");
        Path liveKey = dir.resolve("live.key");
        Files.copy(certs.resolve("server.pem"), liveCert);
        Files.copy(certs.resolve("server.key"), liveKey);
        Optional<CatalogServer.Tls> tls = Optional.of(new CatalogServer.Tls(liveCert.toFile(), liveKey.toFile(),
                Optional.of(certs.resolve("ca.pem").toFile()), Duration.ofMillis(200)));
        try (TestCatalogServer test = TestCatalogServer.start(db, dir, s -> s.withTls(tls))) {
            int port = test.server.port();
            assertTrue(answers(port, "ca"));
            assertTrue(!answers(port, "other-ca"), "a client trusting only the other CA refuses today's certificate");

            replace(certs.resolve("renewed.key"), liveKey);
            replace(certs.resolve("renewed.pem"), liveCert);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!answers(port, "other-ca")) {
                assertTrue(System.nanoTime() < until, "the renewed certificate was not served within 30 s");
                Thread.sleep(50);
            }
            assertTrue(!answers(port, "ca"), "new connections get the renewed certificate only");
        }
    }

    private static Optional<CatalogServer.Tls> tls(Duration refresh) {
        return Optional.of(new CatalogServer.Tls(certs.resolve("server.pem").toFile(), certs.resolve("server.key").toFile(),
                Optional.of(certs.resolve("ca.pem").toFile()), refresh));
    }

    private static boolean answers(int port, String trustedCa) throws Exception {
        ManagedChannel channel = channel(port, trustedCa, null);
        try {
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
            return true;
        } catch (StatusRuntimeException e) {
            return false;
        } finally {
            channel.shutdownNow();
        }
    }

    private static ManagedChannel channel(int port, String trustedCa, String clientCert) throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(certs.resolve(trustedCa + ".pem").toFile());
        if (clientCert != null) {
            ssl.keyManager(certs.resolve(clientCert + ".pem").toFile(), certs.resolve(clientCert + ".key").toFile());
        }
        return NettyChannelBuilder.forAddress("127.0.0.1", port).sslContext(ssl.build()).build();
    }

    private static ColorServiceGrpc.ColorServiceBlockingStub colors(ManagedChannel channel, String token) {
        ColorServiceGrpc.ColorServiceBlockingStub stub = ColorServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
        if (token != null) {
            Metadata auth = new Metadata();
            auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        }
        return stub;
    }

    private static CreateColorRequest create(String name) {
        return CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName(name)).build();
    }

    private static void replace(Path from, Path to) throws Exception {
        Path tmp = Files.createTempFile(to.getParent(), ".renew", "");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void ca(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-keyout", file(name + ".key"), "-out", file(name + ".pem"));
    }

    private static void signed(String name, String commonName, String ca, String extension) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + commonName,
                "-CA", file(ca + ".pem"), "-CAkey", file(ca + ".key"), "-addext", extension,
                "-keyout", file(name + ".key"), "-out", file(name + ".pem"));
    }

    private static String file(String name) {
        return certs.resolve(name).toString();
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "openssl " + String.join(" ", args) + "\n" + output);
    }
}
