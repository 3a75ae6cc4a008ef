package furniture.catalog.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tokens file: what it accepts, and each thing it refuses whole, with the line that breaks it. */
class TokenStoreTest {
    private static final String A = TokenStore.hash("token-a");
    private static final String B = TokenStore.hash("token-b");

    @Test
    void bearerTokensAndCertificateNamesBothNameACallerAndARole() {
        TokenStore store = TokenStore.parse("tokens", List.of("# callers", "", A + " ada admin", "cert:inventory-svc inventory reader"));
        assertEquals(Optional.of(new Caller("ada", AccessLevel.ADMIN)), store.authenticate("token-a"));
        assertEquals(Optional.empty(), store.authenticate("token-b"));
        assertEquals(Optional.of(new Caller("inventory", AccessLevel.READER)), store.authenticateCertificate("inventory-svc"));
        assertEquals(Optional.empty(), store.authenticateCertificate("someone-else"));
        assertEquals(2, store.size());
    }

    @Test
    void aDuplicateTokenHashIsRefusedNamingBothLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenStore.parse("tokens", List.of(A + " ada admin", B + " bob reader", A.toUpperCase() + " eve reader")));
        assertEquals("tokens line 3: the same token hash is already on line 1", e.getMessage());
    }

    @Test
    void aDuplicateCertificateNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenStore.parse("tokens", List.of("cert:svc one reader", "cert:svc two admin")));
        assertEquals("tokens line 2: certificate name svc is already on line 1", e.getMessage());
    }

    @Test
    void aPrincipalLongerThanTheAuditColumnsHoldIsRefused() {
        String longName = "p".repeat(101);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenStore.parse("tokens", List.of(A + " " + longName + " reader")));
        assertTrue(e.getMessage().startsWith("tokens line 1: principal '" + "p".repeat(40) + "…': "), e.getMessage());
        assertTrue(e.getMessage().contains("100"), e.getMessage());
        assertEquals(1, TokenStore.parse("tokens", List.of(A + " " + "p".repeat(100) + " reader")).size(), "100 characters fit");
    }

    @Test
    void malformedLinesAndUnknownRolesAreRefused() {
        assertEquals("tokens line 1: expected '<sha256 hex> <principal> <role>' or 'cert:<common name> <principal> <role>'",
                assertThrows(IllegalArgumentException.class, () -> TokenStore.parse("tokens", List.of("abc ada admin"))).getMessage());
        assertEquals("tokens line 1: expected '<sha256 hex> <principal> <role>' or 'cert:<common name> <principal> <role>'",
                assertThrows(IllegalArgumentException.class, () -> TokenStore.parse("tokens", List.of("cert: ada admin"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TokenStore.parse("tokens", List.of(A + " ada owner")))
                .getMessage().startsWith("tokens line 1: "));
        assertEquals("tokens holds no caller",
                assertThrows(IllegalArgumentException.class, () -> TokenStore.parse("tokens", List.of("# nobody"))).getMessage());
    }
}
