package furniture.catalog.grpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The callers this service knows: per line of the tokens file, a token's SHA-256 (hex), a principal name and a role
 * ({@code reader}, {@code editor}, {@code admin}); {@code #} starts a comment. Only hashes are kept, and a presented
 * token is compared with every one of them in constant time.
 */
public final class TokenStore {
    private record Entry(byte[] hash, Caller caller) {}

    private final List<Entry> entries;

    private TokenStore(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static TokenStore load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected '<sha256 hex> <principal> <role>'");
            }
            Role role;
            try {
                role = Role.parse(parts[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
            entries.add(new Entry(HexFormat.of().parseHex(parts[0].toLowerCase()), new Caller(parts[1], role)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no token");
        }
        return new TokenStore(entries);
    }

    /** The SHA-256 of a token, as the tokens file holds it. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** The caller a token belongs to. Every entry is compared, whatever matched, so timing tells nothing. */
    public Optional<Caller> authenticate(String token) {
        byte[] presented = sha256(token);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
