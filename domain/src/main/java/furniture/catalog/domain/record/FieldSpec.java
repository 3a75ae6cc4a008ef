package furniture.catalog.domain.record;

import furniture.catalog.domain.error.InvalidFieldException;

/**
 * One text field of a catalog entry and its rules: trimmed; when required, not blank; at most {@code maxLength}
 * characters, counted as Unicode code points (a 4-byte emoji is one); no control characters.
 *
 * @param unique whether no two records, deleted ones included, may share the value
 */
public record FieldSpec(String name, int maxLength, boolean required, boolean unique) {

    public static FieldSpec uniqueName(int maxLength) {
        return new FieldSpec("name", maxLength, true, true);
    }

    /** The value as it is stored (trimmed; null for an absent optional value), or why it is refused. */
    public String check(String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            if (required) {
                throw new InvalidFieldException(name, "must not be blank");
            }
            return null;
        }
        // One pass: count code points, refuse control characters and lone surrogates.
        int length = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < trimmed.length() && Character.isLowSurrogate(trimmed.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidFieldException(name, "must be valid Unicode (a lone surrogate is not)");
            } else if (Character.getType(c) == Character.CONTROL) {
                throw new InvalidFieldException(name, "must not contain control characters");
            }
            length++;
        }
        if (length > maxLength) {
            throw new InvalidFieldException(name, "must be at most " + maxLength + " characters, not " + length);
        }
        return trimmed;
    }
}
