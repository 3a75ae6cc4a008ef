package furniture.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldKind;
import furniture.catalog.domain.record.FieldSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of each kind of field beyond plain text, and the declarations that cannot make a field or an entity. */
class FieldKindsTest {

    private static String refusal(FieldSpec field, Object value) {
        return assertThrows(InvalidFieldException.class, () -> field.check(value)).getMessage();
    }

    @Test
    void fixedTextHasExactlyItsLength() {
        FieldSpec hex = FieldSpec.fixedText("hex_code", 7);
        assertEquals("#a0b0c0", hex.check(" #a0b0c0 "));
        assertEquals("hex_code: must be exactly 7 characters, not 6", refusal(hex, "#a0b0c"));
        assertNull(hex.check(""), "blank is absent in an optional field");
    }

    @Test
    void longTextHoldsWhatATextColumnHoldsWhateverTheCharacters() {
        FieldSpec notes = FieldSpec.longText("notes");
        assertEquals(16_383, notes.check("🪑".repeat(16_383)).toString().codePointCount(0, 16_383 * 2));
        assertEquals("notes: must be at most 16383 characters, not 16384", refusal(notes, "x".repeat(16_384)));
    }

    @Test
    void integersMustFitTheirKind() {
        FieldSpec quantity = FieldSpec.integer("quantity");
        assertEquals(42, quantity.check(42L));
        assertEquals("quantity: must be from -2147483648 to 2147483647, not 2147483648", refusal(quantity, 2_147_483_648L));
        assertEquals("quantity: must be an integer, not a String", refusal(quantity, "42"));
        assertEquals("quantity: must be a whole number, not 1.5", refusal(quantity, new BigDecimal("1.5")));
        assertEquals("quantity: must be from -2147483648 to 2147483647, not 1E+999999999", refusal(quantity, new BigDecimal("1e999999999")));
        assertEquals(7, quantity.check(new BigDecimal("7.000")));
        assertEquals(Long.MAX_VALUE, FieldSpec.bigInteger("serial").check(Long.MAX_VALUE));
        assertEquals("quantity: is required", refusal(quantity.asRequired(), null));
    }

    @Test
    void decimalsKeepTheirScaleAndRefuseWhatTheyCannotHold() {
        FieldSpec price = FieldSpec.decimal("price", 6, 2);
        assertEquals(new BigDecimal("12.50"), price.check(new BigDecimal("12.5")));
        assertEquals(new BigDecimal("9999.99"), price.check(new BigDecimal("9999.99")));
        assertEquals(new BigDecimal("-3.00"), price.check(-3));
        assertEquals("price: must have at most 2 digits after the point, not 1.005", refusal(price, new BigDecimal("1.005")));
        assertEquals("price: must have at most 4 digits before the point, not 10000", refusal(price, new BigDecimal("10000")));
        assertEquals(new BigDecimal("1.10"), price.check(new BigDecimal("1.1000")), "trailing zeros are no extra digits");
        assertEquals("price: must have at most 4 digits before the point, not 1E+999999999", refusal(price, new BigDecimal("1e999999999")),
                "a huge exponent is refused from its digits, without writing the number out");
        assertEquals("price: must have at most 2 digits after the point, not 1E-999999999", refusal(price, new BigDecimal("1e-999999999")));
        assertEquals(BigDecimal.ZERO.setScale(2), price.check(new BigDecimal("0E+999999999")));
    }

    @Test
    void timestampsAndDatesLieInTheYearsTheDatabaseHolds() {
        FieldSpec at = FieldSpec.timestamp("available_from");
        assertEquals(Instant.parse("2026-11-26T10:15:30.123456Z"), at.check(Instant.parse("2026-11-26T10:15:30.123456789Z")));
        assertEquals("available_from: must lie in the years 1000 to 9999, not at 0999-12-31T23:59:59Z",
                refusal(at, Instant.parse("0999-12-31T23:59:59Z")));
        FieldSpec launch = FieldSpec.date("launch_date");
        assertEquals(LocalDate.of(2027, 3, 1), launch.check(LocalDate.of(2027, 3, 1)));
        assertEquals("launch_date: must lie in the years 1000 to 9999, not +10000-01-01", refusal(launch, LocalDate.of(10_000, 1, 1)));
    }

    @Test
    void aReferenceIsAPositiveId() {
        FieldSpec color = FieldSpec.reference("color_id", "color");
        assertEquals(7L, color.check(7));
        assertEquals("color_id: must be the id of a color, not 0", refusal(color, 0L));
        assertEquals("in_stock: must be a boolean, not a Integer", refusal(FieldSpec.bool("in_stock"), 1));
    }

    @Test
    void declarationsThatCannotMakeAFieldSayWhy() {
        assertEquals("field 'hex': a fixed-length text's length must be from 1 to 255, not 300",
                assertThrows(IllegalArgumentException.class, () -> FieldSpec.fixedText("hex", 300)).getMessage());
        assertEquals("field 'price': a decimal's digits after the point must be from 0 to 4, not 5",
                assertThrows(IllegalArgumentException.class, () -> FieldSpec.decimal("price", 4, 5)).getMessage());
        assertEquals("field 'etag': every catalog record has a etag already; choose another name",
                assertThrows(IllegalArgumentException.class, () -> FieldSpec.text("etag", 5)).getMessage());
        assertEquals("field 'Name': a field name is lower case letters, digits and _, starting with a letter",
                assertThrows(IllegalArgumentException.class, () -> FieldSpec.text("Name", 5)).getMessage());
        assertEquals("field 'notes': a long text cannot be unique",
                assertThrows(IllegalArgumentException.class, () -> FieldSpec.longText("notes").asUnique()).getMessage());
        assertEquals("field 'owner': a reference names the entity type it points to",
                assertThrows(IllegalArgumentException.class, () -> new FieldSpec("owner", FieldKind.REFERENCE, 0, 0, " ", false, false, null)).getMessage());
    }

    record Thing(String name) implements CatalogEntry {
        @Override
        public Map<String, Object> values() {
            return Map.of("name", name);
        }
    }

    @Test
    void everyEntityHasAUniqueName() {
        assertEquals("the thing has no required, unique text field 'name': every catalog entity has one (lists are ordered and "
                + "filtered by it); declare FieldSpec.uniqueName(n)", assertThrows(IllegalArgumentException.class,
                () -> new EntityType<>("thing", List.of(FieldSpec.text("name", 5)), v -> new Thing((String) v.get("name")))).getMessage());
        assertEquals("the thing declares its field name twice", assertThrows(IllegalArgumentException.class,
                () -> new EntityType<>("thing", List.of(FieldSpec.uniqueName(5), FieldSpec.uniqueName(5)), v -> new Thing("x"))).getMessage());
    }

    @Test
    void aDefaultIsCheckedAndFillsWhatANewRecordIsNotGiven() {
        FieldSpec size = FieldSpec.integer("size").asRequired().withDefault(1L);
        assertEquals(1, size.defaultValue(), "checked: an Integer");
        FieldSpec price = FieldSpec.decimal("price", 6, 2).withDefault(new BigDecimal("9.5"));
        assertEquals(new BigDecimal("9.50"), price.defaultValue());
        EntityType<Thing> type = new EntityType<>("thing", List.of(FieldSpec.uniqueName(5), size, price),
                v -> new Thing(v.get("name") + "/" + v.get("size") + "/" + v.get("price")));
        assertEquals("Box/1/9.50", type.newEntry(Map.of("name", "Box")).name());
        assertEquals("Box/3/9.50", type.newEntry(Map.of("name", "Box", "size", 3)).name());
        assertEquals("size: is required", assertThrows(InvalidFieldException.class, () -> type.entry(Map.of("name", "Box"))).getMessage(),
                "a stored row is read as it is: no default there");
        assertEquals("field 'code': the default must itself be exactly 4 characters, not 2", assertThrows(IllegalArgumentException.class,
                () -> FieldSpec.fixedText("code", 4).withDefault("AB")).getMessage());
        assertEquals("field 'note': a text default may not contain ' or \\", assertThrows(IllegalArgumentException.class,
                () -> FieldSpec.text("note", 9).withDefault("it's")).getMessage());
        assertEquals("field 'color_id': a reference cannot have a default", assertThrows(IllegalArgumentException.class,
                () -> FieldSpec.reference("color_id", "color").withDefault(1L)).getMessage());
    }

    @Test
    void anEntryReceivesCheckedTypedValues() {
        EntityType<Thing> type = new EntityType<>("thing", List.of(FieldSpec.uniqueName(5), FieldSpec.integer("size")),
                v -> new Thing(v.get("name") + "/" + v.get("size").getClass().getSimpleName()));
        assertEquals("Box/Integer", type.entry(Map.of("name", " Box ", "size", 3L)).name());
        assertEquals("size: must be an integer, not a String", assertThrows(InvalidFieldException.class,
                () -> type.entry(Map.of("name", "Box", "size", "3"))).getMessage());
    }
}
