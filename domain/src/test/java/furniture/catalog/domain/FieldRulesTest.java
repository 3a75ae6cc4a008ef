package furniture.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import furniture.catalog.domain.entity.Catalog;
import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.entity.UnitOfMeasure;
import furniture.catalog.domain.entity.WoodType;
import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of names, abbreviations and descriptions, for every field of every entity. */
class FieldRulesTest {

    /** Every field of every entity, with a valid entry to vary it in. */
    static Stream<Arguments> fields() {
        return Catalog.TYPES.stream().flatMap(type -> type.fields().stream().map(f -> Arguments.of(type, f)));
    }

    @ParameterizedTest(name = "{0}.{1}: surrounding spaces are trimmed")
    @MethodSource("fields")
    void valuesAreTrimmed(EntityType<?> type, FieldSpec field) {
        assertEquals("Oak", type.entry(valid(type, field.name(), "  Oak \t")).values().get(field.name()));
    }

    @ParameterizedTest(name = "{0}.{1}: exactly the maximum length in 4-byte characters is accepted")
    @MethodSource("fields")
    void theMaximumLengthCountsCharactersNotBytes(EntityType<?> type, FieldSpec field) {
        String max = "🪑".repeat(field.maxLength());
        assertEquals(max, type.entry(valid(type, field.name(), max)).values().get(field.name()));
    }

    @ParameterizedTest(name = "{0}.{1}: one character over the maximum is refused")
    @MethodSource("fields")
    void oneCharacterOverTheMaximumIsRefused(EntityType<?> type, FieldSpec field) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> type.entry(valid(type, field.name(), "🪑".repeat(field.maxLength() + 1))));
        assertEquals(field.name(), e.field());
        assertEquals("must be at most " + field.maxLength() + " characters, not " + (field.maxLength() + 1), e.reason());
    }

    @ParameterizedTest(name = "{0}.{1}: control characters are refused")
    @MethodSource("fields")
    void controlCharactersAreRefused(EntityType<?> type, FieldSpec field) {
        for (String bad : new String[] {"a\u0000b", "line\nbreak", "tab\tinside", "bell\u0007", "del\u007f"}) {
            InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> type.entry(valid(type, field.name(), bad)), bad);
            assertEquals("must not contain control characters", e.reason());
        }
    }

    @ParameterizedTest(name = "{0}.{1}: blank is refused when required, absent when optional")
    @MethodSource("fields")
    void blankIsRefusedWhenRequired(EntityType<?> type, FieldSpec field) {
        // Also text that only looks blank (the text policy): U+200B, U+3164, U+FEFF, two no-break spaces, U+2028, U+202E.
        for (String blank : new String[] {"", "   ", null, "\u200B", "\u3164", "\uFEFF", "\u00a0\u00a0", "\u2028",
                " \u3000\u200D\uFE0F ", "\u202E"}) {
            if (field.required()) {
                InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> type.entry(valid(type, field.name(), blank)));
                assertEquals(field.name() + ": must not be blank", e.getMessage(), String.valueOf(blank));
            } else {
                assertEquals(null, type.entry(valid(type, field.name(), blank)).values().get(field.name()), String.valueOf(blank));
            }
        }
    }

    @Test
    void aLoneSurrogateIsNotAName() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Color.TYPE.newEntry(Map.of("name", "bad \uD83E name")));
        assertEquals("must be valid Unicode (a lone surrogate is not)", e.reason());
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Color.TYPE.entry(Map.of("name", "Red", "hex", "#f00")));
        assertEquals("hex: is not a field of a color", e.getMessage());
    }

    @Test
    void changesApplyOnlyToTheFieldsGiven() {
        WoodType oak = WoodType.TYPE.newEntry(Map.of("name", "Oak", "description", "Hard"));
        assertEquals(WoodType.TYPE.newEntry(Map.of("name", "Oak", "description", "Heavy")), WoodType.TYPE.withChanges(oak, Map.of("description", "Heavy")));
        UnitOfMeasure cm = UnitOfMeasure.TYPE.newEntry(Map.of("name", "centimetre", "abbreviation", "cm"));
        assertEquals(UnitOfMeasure.TYPE.newEntry(Map.of("name", "Centimetre", "abbreviation", "cm")), UnitOfMeasure.TYPE.withChanges(cm, Map.of("name", "Centimetre")));
    }

    @Test
    void theFieldsAreTheSeeds() {
        assertEquals("color[name 50 unique]", describe(Color.TYPE));
        assertEquals("wood type[name 100 unique, description 255 optional]", describe(WoodType.TYPE));
        assertEquals("unit of measure[name 50 unique, abbreviation 10 unique]", describe(UnitOfMeasure.TYPE));
        assertEquals("role[name 50 unique]", describe(Catalog.TYPES.get(1)));
        assertEquals("furniture type[name 50 unique]", describe(Catalog.TYPES.get(4)));
    }

    private static String describe(EntityType<?> type) {
        return type.name() + type.fields().stream()
                .map(f -> f.name() + " " + f.maxLength() + (f.unique() ? " unique" : "") + (f.required() ? "" : " optional"))
                .toList().toString();
    }

    /** A valid set of values for {@code type} with {@code field} set to {@code value}. */
    private static Map<String, String> valid(EntityType<?> type, String field, String value) {
        Map<String, String> values = new HashMap<>();
        for (FieldSpec f : type.fields()) {
            values.put(f.name(), "x");
        }
        values.put(field, value);
        return values;
    }
}
