package furniture.catalog.grpc;

import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.record.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The callers this service knows, from the tokens file. One caller per line, {@code #} starts a comment:
 * <ul>
 *   <li>{@code <sha256 of a bearer token, hex> <principal> <role>}: a caller with a bearer token;</li>
 *   <li>{@code cert:<common name> <principal> <role>}: a caller that presents a client certificate (mutual TLS) with
 *       that subject common name.</li>
 * </ul>
 * Roles are {@code reader}, {@code editor}, {@code admin}. Only hashes of tokens are kept, and a presented token is
 * compared with every one of them in constant time. A file with a duplicate token hash or certificate name, or a
 * principal longer than the audit columns hold, is refused whole, with the line that breaks it.
 */
public final class TokenStore {
    static final String CERT_PREFIX = "cert:";

    private record Entry(byte[] hash, Caller caller) {}

    private final List<Entry> entries;
    private final Map<String, Caller> certificates;

    private TokenStore(List<Entry> entries, Map<String, Caller> certificates) {
        this.entries = List.copyOf(entries);
        this.certificates = Map.copyOf(certificates);
    }

    public static TokenStore load(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The callers in {@code lines}; {@code source} names them in errors. */
    public static TokenStore parse(String source, List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seenHashes = new HashMap<>();
        Map<String, Caller> certificates = new HashMap<>();
        Map<String, Integer> seenCertificates = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            String[] parts = line.split("\\s+");
            boolean certificate = parts[0].startsWith(CERT_PREFIX) && parts[0].length() > CERT_PREFIX.length();
            if (parts.length != 3 || (!certificate && !parts[0].matches("[0-9a-fA-F]{64}"))) {
                throw new IllegalArgumentException(where + "expected '<sha256 hex> <principal> <role>' or "
                        + "'cert:<common name> <principal> <role>'");
            }
            Caller caller = new Caller(principal(where, parts[1]), role(where, parts[2]));
            if (certificate) {
                String name = parts[0].substring(CERT_PREFIX.length());
                Integer earlier = seenCertificates.putIfAbsent(name, i + 1);
                if (earlier != null) {
                    throw new IllegalArgumentException(where + "certificate name " + name + " is already on line " + earlier);
                }
                certificates.put(name, caller);
            } else {
                String hash = parts[0].toLowerCase();
                Integer earlier = seenHashes.putIfAbsent(hash, i + 1);
                if (earlier != null) {
                    throw new IllegalArgumentException(where + "the same token hash is already on line " + earlier);
                }
                entries.add(new Entry(HexFormat.of().parseHex(hash), caller));
            }
        }
        if (entries.isEmpty() && certificates.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no caller");
        }
        return new TokenStore(entries, certificates);
    }

    private static String principal(String where, String name) {
        try {
            return Principal.of(name).name();
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(where + "principal '" + abbreviate(name) + "': " + e.getMessage());
        }
    }

    private static AccessLevel role(String where, String name) {
        try {
            return AccessLevel.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** The SHA-256 of a token, as the tokens file holds it. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** How many callers the file names (tokens and certificates). */
    public int size() {
        return entries.size() + certificates.size();
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

    /** The caller whose client certificate has this (already verified) subject common name. */
    public Optional<Caller> authenticateCertificate(String commonName) {
        return Optional.ofNullable(certificates.get(commonName));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
