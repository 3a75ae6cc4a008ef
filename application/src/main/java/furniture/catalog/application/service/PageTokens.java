package furniture.catalog.application.service;

import furniture.catalog.application.port.out.Cursor;
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
 * Opaque page tokens: the last record's key plus a fingerprint of the listing they belong to, sealed with a digest.
 * A tampered token, or one from a listing with other filters or order, is an invalid argument, never a crash nor a
 * page of some other listing. (The digest detects damage, it is no secret: a forged token could only move the
 * starting point of a listing the caller may read anyway.)
 */
final class PageTokens {
    private static final byte FORMAT = 1;
    private static final int DIGEST_BYTES = 12;

    private PageTokens() {}

    static String encode(String typeName, ListCriteria criteria, Cursor cursor) {
        byte[] name = cursor.name() == null ? new byte[0] : cursor.name().getBytes(StandardCharsets.UTF_8);
        byte[] fingerprint = fingerprint(typeName, criteria);
        ByteBuffer payload = ByteBuffer.allocate(1 + fingerprint.length + 8 + 4 + name.length);
        payload.put(FORMAT).put(fingerprint).putLong(cursor.id()).putInt(name.length).put(name);
        byte[] body = payload.array();
        byte[] sealed = Arrays.copyOf(body, body.length + DIGEST_BYTES);
        System.arraycopy(digest(body), 0, sealed, body.length, DIGEST_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    static Optional<Cursor> decode(Optional<String> token, String typeName, ListCriteria criteria) {
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
        if (!MessageDigest.isEqual(seal, Arrays.copyOf(digest(body), DIGEST_BYTES))) {
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
