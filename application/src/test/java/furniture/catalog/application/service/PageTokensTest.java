package furniture.catalog.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import furniture.catalog.application.port.in.ListQuery;
import furniture.catalog.application.port.out.Cursor;
import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.application.port.in.ListCriteria.ActiveFilter;
import furniture.catalog.application.port.in.ListCriteria.Order;
import furniture.catalog.domain.error.InvalidFieldException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Page tokens are opaque, round-trip, and refuse forgery, tampering and reuse in another listing. */
class PageTokensTest {
    private static final ListCriteria BY_NAME = new ListCriteria(ActiveFilter.ALL, Optional.empty(), false, Order.NAME);
    private static final PageTokens TOKENS = new PageTokens(() -> "the replicas' shared 32-byte key".getBytes(StandardCharsets.UTF_8));

    @Test
    void aTokenRoundTrips() {
        Cursor cursor = new Cursor("Walnut 🪑", 42);
        String token = TOKENS.encode("color", BY_NAME, cursor);
        assertEquals(Optional.of(cursor), TOKENS.decode(Optional.of(token), "color", BY_NAME));
    }

    @Test
    void everyAlteredCharacterIsRefused() {
        String token = TOKENS.encode("color", BY_NAME, new Cursor("Red", 7));
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String altered = token.substring(0, i) + replacement + token.substring(i + 1);
            InvalidFieldException e = assertThrows(InvalidFieldException.class,
                    () -> TOKENS.decode(Optional.of(altered), "color", BY_NAME), altered);
            assertEquals("page_token", e.field());
        }
    }

    @Test
    void aTokenOfAnotherListingIsRefused() {
        String token = TOKENS.encode("color", BY_NAME, new Cursor("Red", 7));
        ListCriteria activeOnly = new ListCriteria(ActiveFilter.ACTIVE, Optional.empty(), false, Order.NAME);
        assertEquals("page_token: belongs to a listing with other filters or order",
                assertThrows(InvalidFieldException.class, () -> TOKENS.decode(Optional.of(token), "color", activeOnly)).getMessage());
        assertThrows(InvalidFieldException.class, () -> TOKENS.decode(Optional.of(token), "role", BY_NAME));
    }

    @Test
    void aTokenSealedWithAnotherKeyIsRefused() {
        PageTokens elsewhere = new PageTokens(() -> "another deployment's 32-byte key".getBytes(StandardCharsets.UTF_8));
        String token = elsewhere.encode("color", BY_NAME, new Cursor("Red", 7));
        assertEquals("page_token: is damaged or was altered",
                assertThrows(InvalidFieldException.class, () -> TOKENS.decode(Optional.of(token), "color", BY_NAME)).getMessage());
    }

    @Test
    void aCursorSealedWithoutTheKeyIsRefused() throws Exception {
        // Issue 18: the seal was an unkeyed SHA-256, so anyone could write a token for a cursor of id -5.
        for (byte format : new byte[] {1, 2}) {
            byte[] fingerprint = Arrays.copyOf(sha256("color|ALL|\u0000|false|NAME".getBytes(StandardCharsets.UTF_8)), 8);
            byte[] body = ByteBuffer.allocate(1 + 8 + 8 + 4).put(format).put(fingerprint).putLong(-5).putInt(0).array();
            for (int sealLength : new int[] {12, 16}) {
                byte[] sealed = Arrays.copyOf(body, body.length + sealLength);
                System.arraycopy(sha256(body), 0, sealed, body.length, sealLength);
                String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
                assertThrows(InvalidFieldException.class, () -> TOKENS.decode(Optional.of(forged), "color", BY_NAME), forged);
            }
        }
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    @Test
    void theSealIsTheJdksHmacSha256() throws Exception {
        for (byte[] key : new byte[][] {new byte[32], "k".getBytes(StandardCharsets.UTF_8), new byte[100]}) {
            byte[] message = "the body of a page token".getBytes(StandardCharsets.UTF_8);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            assertEquals(java.util.HexFormat.of().formatHex(mac.doFinal(message)),
                    java.util.HexFormat.of().formatHex(PageTokens.hmacSha256(key, message)));
        }
    }

    @Test
    void garbageIsRefusedNotACrash() {
        for (String garbage : new String[] {"x", "!!!", "AAAA", "a".repeat(500)}) {
            assertThrows(InvalidFieldException.class, () -> TOKENS.decode(Optional.of(garbage), "color", BY_NAME), garbage);
        }
    }

    @Test
    void pageSizesAreDefaultedClampedAndNeverNegative() {
        assertEquals(50, new ListQuery(BY_NAME, 0, Optional.empty()).pageSize());
        assertEquals(1000, new ListQuery(BY_NAME, 5000, Optional.empty()).pageSize());
        assertEquals(7, new ListQuery(BY_NAME, 7, Optional.empty()).pageSize());
        assertEquals("page_size: must not be negative",
                assertThrows(InvalidFieldException.class, () -> new ListQuery(BY_NAME, -1, Optional.empty())).getMessage());
    }
}
