package furniture.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.error.InvalidFieldException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text policy (domain README, "Text"): what looks blank is blank, what hides or reorders text is refused. */
class TextPolicyTest {

    // Text that only looks blank is blank: FieldRulesTest.blankIsRefusedWhenRequired, for every field of every entity.

    @ParameterizedTest(name = "a name with U+{0} inside is refused")
    @ValueSource(strings = {"202E", "202A", "2066", "2069", "200E", "200F", "061C"})
    void bidirectionalControlsAreRefused(String hex) {
        String name = "evil" + Character.toString(Integer.parseInt(hex, 16)) + "txt.exe";
        assertEquals("must not contain bidirectional controls, which change the order text is shown in (U+" + hex + ")", refusal(name));
    }

    @Test
    void lineAndParagraphSeparatorsAreRefusedInsideAndTrimmedAtTheEnds() {
        assertEquals("must not contain line or paragraph separators (U+2028)", refusal("one\u2028two"));
        assertEquals("must not contain line or paragraph separators (U+2029)", refusal("one\u2029two"));
        assertEquals("Teal", name("\u2028Teal\u2029"));
    }

    @ParameterizedTest(name = "a name with invisible U+{0} is refused")
    @ValueSource(strings = {"200B", "FEFF", "3164", "00AD", "2060", "E0041", "034F"})
    void invisibleCharactersAreRefused(String hex) {
        String name = "Te" + Character.toString(Integer.parseInt(hex, 16)) + "al";
        assertEquals("must not contain invisible characters (U+" + hex + ")", refusal(name));
        assertEquals("must not contain invisible characters (U+" + hex + ")", refusal(Character.toString(Integer.parseInt(hex, 16)) + "Teal"));
    }

    @Test
    void everyUnicodeSpaceIsTrimmedNotJustJavasWhitespace() {
        assertEquals("Teal", name("\u00a0\u2007Teal\u202F\u3000"));
        assertEquals("Dark\u00a0teal", name("Dark\u00a0teal"), "a no-break space inside stays");
    }

    @Test
    void joinersAndVariationSelectorsShapeTheCharacterBeforeThem() {
        assertEquals("❤️", name("❤️"), "U+2764 U+FE0F");
        assertEquals("👨‍👩‍👧", name("👨‍👩‍👧"), "a family: emoji joined by U+200D");
        assertEquals("می‌خواهم", name("می‌خواهم"), "Persian with U+200C");
        assertEquals("must not contain invisible characters (U+200D)", refusal("\u200DTeal"));
        assertEquals("must not contain invisible characters (U+FE0F)", refusal("Dark \uFE0Fteal"));
    }

    @Test
    void textIsStoredInNormalizationFormC() {
        assertEquals("Caf\u00e9", name("Cafe\u0301"), "e and a combining acute become é");
        assertEquals(Color.TYPE.newEntry(Map.of("name", "Caf\u00e9")), Color.TYPE.newEntry(Map.of("name", "Cafe\u0301")));
        assertEquals("must be at most 50 characters, not 51", refusal("\u00e9".repeat(51)));
        assertEquals("\u00e9".repeat(50), name("e\u0301".repeat(50)), "counted after composing: 100 code points sent, 50 stored");
    }

    private static String name(String name) {
        return (String) Color.TYPE.newEntry(Map.of("name", name)).values().get("name");
    }

    private static String refusal(String name) {
        return assertThrows(InvalidFieldException.class, () -> Color.TYPE.newEntry(Map.of("name", name)), escaped(name)).reason();
    }

    private static String escaped(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> b.append(c < 0x80 ? Character.toString(c) : String.format("\\u%04X", c)));
        return b.toString();
    }
}
