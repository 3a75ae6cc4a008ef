package furniture.catalog.server.serve;

import furniture.catalog.grpc.TokenStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the callers' tokens come from: {@code CATALOG_TOKENS_FILE}, or, for a newcomer on loopback only, an admin token
 * the server makes on first start and keeps under the catalog home.
 */
final class Tokens {
    static final String ADMIN_TOKEN_FILE = "admin.token";
    static final String TOKENS_FILE = "tokens";

    /** The token store and, when it was generated here, the file holding the admin token. */
    record Loaded(TokenStore store, Path generatedTokenFile, boolean created) {}

    private Tokens() {}

    static Loaded load(String tokensFile, Path home) throws IOException {
        if (tokensFile != null && !tokensFile.isBlank()) {
            return new Loaded(TokenStore.load(Path.of(tokensFile)), null, false);
        }
        Path tokenFile = home.resolve(ADMIN_TOKEN_FILE);
        Path hashes = home.resolve(TOKENS_FILE);
        boolean created = false;
        if (!Files.exists(tokenFile) || !Files.exists(hashes)) {
            Files.createDirectories(home);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            writePrivate(tokenFile, token + "\n");
            writePrivate(hashes, "# made by catalog serve on first start: <sha256 of token> <principal> <role>\n"
                    + TokenStore.hash(token) + " admin admin\n");
            created = true;
        }
        return new Loaded(TokenStore.load(hashes), tokenFile, created);
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: keep the file as created.
        }
    }
}
