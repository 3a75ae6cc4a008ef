package furniture.catalog.domain.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a field holds, in the domain's terms, and the Java type its values have. How a kind is stored (a column type) or
 * carried over the wire (a proto type) is the adapters' business.
 */
public enum FieldKind {
    /** Text of at most {@code length} characters. */
    TEXT("text", String.class),
    /** Text of exactly {@code length} characters (a code, a hex color). */
    FIXED_TEXT("fixed-length text", String.class),
    /** Text of at most 16,383 characters (a note, a description without a tight bound). */
    LONG_TEXT("long text", String.class),
    /** A whole number from -2,147,483,648 to 2,147,483,647. */
    INTEGER("integer", Integer.class),
    /** A whole number of 64 bits. */
    BIG_INTEGER("64-bit integer", Long.class),
    /** An exact decimal of {@code length} digits, {@code scale} of them after the point (a price). */
    DECIMAL("decimal", BigDecimal.class),
    BOOLEAN("boolean", Boolean.class),
    /** An instant, at microsecond precision, from year 1000 to 9999. */
    TIMESTAMP("timestamp", Instant.class),
    /** A calendar date from year 1000 to 9999. */
    DATE("date", LocalDate.class),
    /** The id of a record of another catalog entity type ({@code target}). */
    REFERENCE("reference", Long.class);

    private final String description;
    private final Class<?> javaType;

    FieldKind(String description, Class<?> javaType) {
        this.description = description;
        this.javaType = javaType;
    }

    /** The Java type of a checked value of this kind. */
    public Class<?> javaType() {
        return javaType;
    }

    public boolean isText() {
        return javaType == String.class;
    }

    @Override
    public String toString() {
        return description;
    }
}
