package furniture.catalog.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import furniture.catalog.application.port.in.ListQuery;
import furniture.catalog.application.port.out.Cursor;
import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.application.port.in.ListCriteria.ActiveFilter;
import furniture.catalog.application.port.in.ListCriteria.Order;
import furniture.catalog.domain.error.InvalidFieldException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Page tokens are opaque, round-trip, and refuse tampering and reuse in another listing. */
class PageTokensTest {
    private static final ListCriteria BY_NAME = new ListCriteria(ActiveFilter.ALL, Optional.empty(), false, Order.NAME);

    @Test
    void aTokenRoundTrips() {
        Cursor cursor = new Cursor("Walnut 🪑", 42);
        String token = PageTokens.encode("color", BY_NAME, cursor);
        assertEquals(Optional.of(cursor), PageTokens.decode(Optional.of(token), "color", BY_NAME));
    }

    @Test
    void everyAlteredCharacterIsRefused() {
        String token = PageTokens.encode("color", BY_NAME, new Cursor("Red", 7));
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String altered = token.substring(0, i) + replacement + token.substring(i + 1);
            InvalidFieldException e = assertThrows(InvalidFieldException.class,
                    () -> PageTokens.decode(Optional.of(altered), "color", BY_NAME), altered);
            assertEquals("page_token", e.field());
        }
    }

    @Test
    void aTokenOfAnotherListingIsRefused() {
        String token = PageTokens.encode("color", BY_NAME, new Cursor("Red", 7));
        ListCriteria activeOnly = new ListCriteria(ActiveFilter.ACTIVE, Optional.empty(), false, Order.NAME);
        assertEquals("page_token: belongs to a listing with other filters or order",
                assertThrows(InvalidFieldException.class, () -> PageTokens.decode(Optional.of(token), "color", activeOnly)).getMessage());
        assertThrows(InvalidFieldException.class, () -> PageTokens.decode(Optional.of(token), "role", BY_NAME));
    }

    @Test
    void garbageIsRefusedNotACrash() {
        for (String garbage : new String[] {"x", "!!!", "AAAA", "a".repeat(500)}) {
            assertThrows(InvalidFieldException.class, () -> PageTokens.decode(Optional.of(garbage), "color", BY_NAME), garbage);
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
