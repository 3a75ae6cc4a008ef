package furniture.catalog.server.serve;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.grpc.util.CertificateUtils;
import java.io.InputStream;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate and key, and the CA that signs client certificates when mutual TLS is on; each re-read
 * from its file every refresh period and on {@link #reload} (SIGHUP), so a renewed certificate is served to new
 * connections without a restart. A renewed file that does not parse keeps the previous material.
 */
final class TlsMaterial implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsMaterial.class);

    /**
     * The PEM files: certificate chain, private key, and optionally the CA of client certificates (mutual TLS, optional
     * for the client: a caller without a certificate authenticates with a bearer token).
     */
    record Files(File certChain, File privateKey, Optional<File> clientCa, Duration refresh) {}

    private final Files files;
    private final AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
    private final AdvancedTlsX509TrustManager clients;
    private volatile String loadedStamp = "";
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "catalog-tls-refresh");
        t.setDaemon(true);
        return t;
    });

    private TlsMaterial(Files files, AdvancedTlsX509TrustManager clients) {
        this.files = files;
        this.clients = clients;
    }

    static TlsMaterial load(Files files) throws IOException, GeneralSecurityException {
        AdvancedTlsX509TrustManager clients = null;
        if (files.clientCa().isPresent()) {
            clients = AdvancedTlsX509TrustManager.newBuilder()
                    .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION).build();
        }
        TlsMaterial material = new TlsMaterial(files, clients);
        material.read();
        // grpc's own file refresh has a one-minute floor; ours follows --tls-refresh and only re-reads changed files.
        long period = Math.max(100, files.refresh().toMillis());
        material.timer.scheduleWithFixedDelay(material::refreshIfChanged, period, period, TimeUnit.MILLISECONDS);
        return material;
    }

    /** Reads the files and swaps them in; a key that does not match its certificate is refused. */
    private synchronized void read() throws IOException, GeneralSecurityException {
        String stamp = stamp();
        X509Certificate[] chain;
        PrivateKey key;
        try (InputStream in = java.nio.file.Files.newInputStream(files.certChain().toPath())) {
            chain = CertificateUtils.getX509Certificates(in);
        }
        try (InputStream in = java.nio.file.Files.newInputStream(files.privateKey().toPath())) {
            key = CertificateUtils.getPrivateKey(in);
        }
        if (chain.length == 0) {
            throw new GeneralSecurityException(files.certChain() + " holds no certificate");
        }
        if (!matches(chain[0], key)) {
            throw new GeneralSecurityException("the key in " + files.privateKey() + " does not belong to the certificate in "
                    + files.certChain() + " (a renewal written halfway?)");
        }
        if (clients != null) {
            clients.updateTrustCredentials(files.clientCa().get());
        }
        keys.updateIdentityCredentials(chain, key);
        loadedStamp = stamp;
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean matches(X509Certificate certificate, PrivateKey key) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return true; // Not one we can check; the handshake will tell.
        }
        byte[] probe = "catalog tls key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    private String stamp() {
        return files.certChain().lastModified() + "/" + files.privateKey().lastModified() + "/"
                + files.clientCa().map(File::lastModified).orElse(0L);
    }

    private void refreshIfChanged() {
        if (!stamp().equals(loadedStamp)) {
            reload("changed on disk");
        }
    }

    ServerCredentials credentials() {
        TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder().keyManager(keys);
        if (clients != null) {
            builder.trustManager(clients).clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL);
        }
        return builder.build();
    }

    boolean mutual() {
        return clients != null;
    }

    /** Re-reads the files now; on a bad file keeps what it had and logs why. */
    void reload(String why) {
        String seen = stamp();
        try {
            read();
            log.info("tls: certificate reloaded from {} ({})", files.certChain(), why);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // Not again until the files change again: from what they were before this read, so that the other half of
            // a renewal landing while this read failed on the first half still triggers the next one.
            loadedStamp = seen;
            log.warn("tls: kept the previous certificate; reloading {} failed ({}): {}", files.certChain(), why, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
