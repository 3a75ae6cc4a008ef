package furniture.catalog.domain.record;

import furniture.catalog.domain.error.InvalidFieldException;
import java.text.Normalizer;

/**
 * What the catalog takes as text, for every text field (names, abbreviations, descriptions), so that what a reader sees
 * is what is stored and two values that look the same are the same. The domain's README states it for users.
 *
 * <ol>
 *   <li>Text is put in Unicode normalization form C (NFC), the form it is stored, compared and counted in.</li>
 *   <li>Unicode White_Space (U+0020, U+00A0, U+3000, U+2028 …) at either end is trimmed.</li>
 *   <li>Text made of nothing but White_Space and Default_Ignorable_Code_Point characters (U+200B, U+3164, U+FEFF …) is
 *       blank: it gives the field no value, which a required field refuses.</li>
 *   <li>Refused anywhere: control characters (Cc), lone surrogates, bidirectional controls (Bidi_Control: U+061C,
 *       U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), line and paragraph separators (U+2028, U+2029), and every
 *       other default-ignorable character except joiners and variation selectors (U+200C, U+200D, U+FE00–U+FE0F,
 *       U+E0100–U+E01EF, U+180B–U+180D, U+180F), which shape the visible character before them (emoji, Persian,
 *       Mongolian) and so may not start the text nor follow a space.</li>
 * </ol>
 *
 * The sets are Unicode 14's (DerivedCoreProperties.txt, PropList.txt); Java 17's character data is older, so they are
 * written out here.
 */
final class TextPolicy {
    private TextPolicy() {}

    /** Whether {@code text} has nothing a reader sees: only White_Space and default-ignorable code points. */
    static boolean blank(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!whiteSpace(c) && !defaultIgnorable(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** {@code text} as stored (NFC, trimmed), or an {@link InvalidFieldException} for {@code field} saying what it holds. */
    static String clean(String field, String text) {
        String normal = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        String trimmed = trim(normal);
        int previous = -1;
        for (int i = 0; i < trimmed.length(); ) {
            char unit = trimmed.charAt(i);
            if (Character.isSurrogate(unit) && !(Character.isHighSurrogate(unit) && i + 1 < trimmed.length()
                    && Character.isLowSurrogate(trimmed.charAt(i + 1)))) {
                throw new InvalidFieldException(field, "must be valid Unicode (a lone surrogate is not)");
            }
            int c = trimmed.codePointAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                throw new InvalidFieldException(field, "must not contain control characters");
            }
            if (bidiControl(c)) {
                throw new InvalidFieldException(field, "must not contain bidirectional controls, which change the order text is shown in ("
                        + code(c) + ")");
            }
            if (c == 0x2028 || c == 0x2029) {
                throw new InvalidFieldException(field, "must not contain line or paragraph separators (" + code(c) + ")");
            }
            if (defaultIgnorable(c) && !(shaping(c) && previous != -1 && !whiteSpace(previous))) {
                throw new InvalidFieldException(field, "must not contain invisible characters (" + code(c) + ")");
            }
            previous = c;
            i += Character.charCount(c);
        }
        return trimmed;
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && whiteSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && whiteSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** Unicode's White_Space property: Zs, Zl, Zp, and U+0009–U+000D, U+0085. */
    static boolean whiteSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x85 || Character.isSpaceChar(c);
    }

    /** Unicode's Bidi_Control property. */
    private static boolean bidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** The default-ignorable characters that change how the visible character before them is drawn. */
    private static boolean shaping(int c) {
        return c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)
                || (c >= 0x180B && c <= 0x180D) || c == 0x180F;
    }

    /** Unicode's Default_Ignorable_Code_Point property (Unicode 14, DerivedCoreProperties.txt). */
    static boolean defaultIgnorable(int c) {
        if (c < 0x00AD) {
            return false;
        }
        return c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5
                || (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0
                || (c >= 0xFFF0 && c <= 0xFFF8) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A)
                || (c >= 0xE0000 && c <= 0xE0FFF);
    }

    private static String code(int c) {
        return String.format("U+%04X", c);
    }
}
