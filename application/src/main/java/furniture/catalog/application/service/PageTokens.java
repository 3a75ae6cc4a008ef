package furniture.catalog.application.service;

import furniture.catalog.application.port.out.Cursor;
import furniture.catalog.application.port.out.PageTokenSecret;
import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.domain.error.InvalidFieldException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque page tokens: the last record's key plus a fingerprint of the listing they belong to, sealed with an
 * HMAC-SHA256 under the {@link PageTokenSecret} (128 bits of it). A forged or tampered token, or one from a listing with
 * other filters or order, is an invalid argument, never a crash nor a page of some other listing.
 */
final class PageTokens {
    private static final byte FORMAT = 2;
    private static final int DIGEST_BYTES = 16;

    private final PageTokenSecret secret;

    PageTokens(PageTokenSecret secret) {
        this.secret = secret;
    }

    String encode(String typeName, ListCriteria criteria, Cursor cursor) {
        byte[] name = cursor.name() == null ? new byte[0] : cursor.name().getBytes(StandardCharsets.UTF_8);
        byte[] fingerprint = fingerprint(typeName, criteria);
        ByteBuffer payload = ByteBuffer.allocate(1 + fingerprint.length + 8 + 4 + name.length);
        payload.put(FORMAT).put(fingerprint).putLong(cursor.id()).putInt(name.length).put(name);
        byte[] body = payload.array();
        byte[] sealed = Arrays.copyOf(body, body.length + DIGEST_BYTES);
        System.arraycopy(seal(body), 0, sealed, body.length, DIGEST_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    Optional<Cursor> decode(Optional<String> token, String typeName, ListCriteria criteria) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(token.get());
        } catch (IllegalArgumentException e) {
            throw invalid("is not a page token");
        }
        byte[] fingerprint = fingerprint(typeName, criteria);
        int minimum = 1 + fingerprint.length + 8 + 4 + DIGEST_BYTES;
        if (sealed.length < minimum) {
            throw invalid("is not a page token");
        }
        byte[] body = Arrays.copyOf(sealed, sealed.length - DIGEST_BYTES);
        byte[] seal = Arrays.copyOfRange(sealed, body.length, sealed.length);
        if (!MessageDigest.isEqual(seal, Arrays.copyOf(seal(body), DIGEST_BYTES))) {
            throw invalid("is damaged or was altered");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] tokenFingerprint = new byte[fingerprint.length];
        if (in.get() != FORMAT || in.get(tokenFingerprint) == null || !Arrays.equals(tokenFingerprint, fingerprint)) {
            throw invalid("belongs to a listing with other filters or order");
        }
        long id = in.getLong();
        int nameLength = in.getInt();
        if (nameLength != in.remaining()) {
            throw invalid("is not a page token");
        }
        byte[] name = new byte[nameLength];
        in.get(name);
        return Optional.of(new Cursor(nameLength == 0 ? null : new String(name, StandardCharsets.UTF_8), id));
    }

    private static byte[] fingerprint(String typeName, ListCriteria criteria) {
        String text = typeName + "|" + criteria.active() + "|" + criteria.namePrefix().orElse("\u0000") + "|"
                + criteria.includeDeleted() + "|" + criteria.order();
        return Arrays.copyOf(digest(text.getBytes(StandardCharsets.UTF_8)), 8);
    }

    private byte[] seal(byte[] body) {
        return hmacSha256(secret.key(), body);
    }

    /** HMAC-SHA256 (RFC 2104) over java.security alone: the application depends on nothing outside java.*. */
    static byte[] hmacSha256(byte[] key, byte[] message) {
        int block = 64;
        byte[] k = Arrays.copyOf(key.length > block ? digest(key) : key, block);
        byte[] inner = new byte[block];
        byte[] outer = new byte[block];
        for (int i = 0; i < block; i++) {
            inner[i] = (byte) (k[i] ^ 0x36);
            outer[i] = (byte) (k[i] ^ 0x5c);
        }
        byte[] innerHash = digest(concat(inner, message));
        return digest(concat(outer, innerHash));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static InvalidFieldException invalid(String reason) {
        return new InvalidFieldException("page_token", reason);
    }
}
