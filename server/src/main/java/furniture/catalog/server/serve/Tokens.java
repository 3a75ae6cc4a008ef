package furniture.catalog.server.serve;

import furniture.catalog.embedded.PrivateFiles;
import furniture.catalog.grpc.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the callers' tokens come from: {@code CATALOG_TOKENS_FILE}, or, for a newcomer on loopback only, an admin token
 * the server makes on first start and keeps under the catalog home (a 0700 folder; the files are 0600 from the moment
 * they exist, never chmodded after).
 */
final class Tokens {
    static final String ADMIN_TOKEN_FILE = "admin.token";
    static final String TOKENS_FILE = "tokens";

    /** The tokens file to serve from and, when it was generated here, the file holding the admin token. */
    record Loaded(Path tokensFile, Path generatedTokenFile, boolean created) {}

    private Tokens() {}

    /** Checks the given file (a bad one throws {@link IllegalArgumentException}) or makes the newcomer's admin token. */
    static Loaded load(Path tokensFile, Path home) throws IOException {
        if (tokensFile != null) {
            TokenStore.load(tokensFile);
            return new Loaded(tokensFile, null, false);
        }
        Path tokenFile = home.resolve(ADMIN_TOKEN_FILE);
        Path hashes = home.resolve(TOKENS_FILE);
        boolean created = false;
        if (!Files.exists(tokenFile) || !Files.exists(hashes)) {
            PrivateFiles.folder(home);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            PrivateFiles.write(tokenFile, token + "\n");
            PrivateFiles.write(hashes, "# made by catalog serve on first start: <sha256 of token> <principal> <role>\n"
                    + TokenStore.hash(token) + " admin admin\n");
            created = true;
        }
        TokenStore.load(hashes);
        return new Loaded(hashes, tokenFile, created);
    }
}
