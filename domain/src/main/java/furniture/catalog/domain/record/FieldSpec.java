package furniture.catalog.domain.record;

import furniture.catalog.domain.error.InvalidFieldException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of a catalog entry and its rules, in the domain's terms: its name, its {@link FieldKind kind}, its size,
 * whether it is required and whether it is unique. {@link #check} turns a given value into the value stored, or says
 * why it is refused.
 *
 * <ul>
 *   <li>Text follows the {@link TextPolicy}: put in NFC and trimmed of Unicode White_Space; blank (nothing visible,
 *       U+200B alone say) is absent; control characters, lone surrogates, bidirectional controls, line separators and
 *       invisible characters are refused. Its length counts code points after that (a 4-byte emoji is one).</li>
 *   <li>Integers must fit their kind; a reference is a positive id.</li>
 *   <li>A decimal keeps at most {@code scale} digits after the point and {@code length - scale} before; it is stored
 *       with exactly {@code scale} digits ({@code 12.5} becomes {@code 12.50}).</li>
 *   <li>Timestamps and dates lie in the years 1000 to 9999; a timestamp keeps microseconds (finer digits are
 *       dropped).</li>
 * </ul>
 *
 * @param length characters (text kinds) or digits in all (DECIMAL); 0 for the other kinds
 * @param scale digits after the point (DECIMAL); 0 otherwise
 * @param target the name of the entity type a REFERENCE points to ("color"); null for the other kinds
 * @param unique whether no two records, deleted ones included, may share the value
 * @param defaultValue what a new record gets when it is given no value (checked, of the kind's Java type); null for none
 */
public record FieldSpec(String name, FieldKind kind, int length, int scale, String target, boolean required, boolean unique,
        Object defaultValue) {
    /** Text that fits a TEXT column whatever its characters (65,535 bytes, four per character at most). */
    public static final int LONG_TEXT_LENGTH = 16_383;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** The names every resource has already: a field may not take one. */
    private static final Set<String> RESERVED = Set.of("id", "active", "etag", "create_time", "update_time", "delete_time",
            "created_by", "updated_by", "deleted_by", "created_at", "updated_at", "deleted_at", "row_version");
    private static final Instant MIN_INSTANT = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final LocalDate MIN_DATE = LocalDate.of(1000, 1, 1);
    private static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        String where = "field '" + name + "': ";
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + "a field name is lower case letters, digits and _, starting with a letter");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException(where + "every catalog record has a " + name + " already; choose another name");
        }
        switch (kind) {
            case TEXT -> requireBetween(where, "a text's maximum length", length, 1, LONG_TEXT_LENGTH);
            case FIXED_TEXT -> requireBetween(where, "a fixed-length text's length", length, 1, 255);
            case LONG_TEXT -> requireBetween(where, "a long text's length", length, LONG_TEXT_LENGTH, LONG_TEXT_LENGTH);
            case DECIMAL -> {
                requireBetween(where, "a decimal's digits", length, 1, 65);
                requireBetween(where, "a decimal's digits after the point", scale, 0, Math.min(30, length));
            }
            default -> requireBetween(where, "the length of a " + kind, length, 0, 0);
        }
        if (kind != FieldKind.DECIMAL && scale != 0) {
            throw new IllegalArgumentException(where + "only a decimal has a scale");
        }
        if ((kind == FieldKind.REFERENCE) != (target != null && !target.isBlank())) {
            throw new IllegalArgumentException(where + (kind == FieldKind.REFERENCE ? "a reference names the entity type it points to"
                    : "only a reference names a target"));
        }
        if (defaultValue != null && !kind.javaType().isInstance(defaultValue)) {
            throw new IllegalArgumentException(where + "the default must be a " + kind.javaType().getSimpleName() + "; use withDefault");
        }
        if (unique && (kind == FieldKind.LONG_TEXT || kind == FieldKind.BOOLEAN)) {
            throw new IllegalArgumentException(where + "a " + kind + " cannot be unique");
        }
    }

    private static void requireBetween(String where, String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(where + what + " must be " + (min == max ? String.valueOf(min) : "from " + min + " to " + max)
                    + ", not " + value);
        }
    }

    /** Optional text of at most {@code maxLength} characters. */
    public static FieldSpec text(String name, int maxLength) {
        return new FieldSpec(name, FieldKind.TEXT, maxLength, 0, null, false, false, null);
    }

    /** Optional text of exactly {@code length} characters. */
    public static FieldSpec fixedText(String name, int length) {
        return new FieldSpec(name, FieldKind.FIXED_TEXT, length, 0, null, false, false, null);
    }

    public static FieldSpec longText(String name) {
        return new FieldSpec(name, FieldKind.LONG_TEXT, LONG_TEXT_LENGTH, 0, null, false, false, null);
    }

    public static FieldSpec integer(String name) {
        return of(name, FieldKind.INTEGER);
    }

    public static FieldSpec bigInteger(String name) {
        return of(name, FieldKind.BIG_INTEGER);
    }

    /** An exact decimal of {@code digits} digits, {@code scale} of them after the point: {@code decimal("price", 10, 2)}. */
    public static FieldSpec decimal(String name, int digits, int scale) {
        return new FieldSpec(name, FieldKind.DECIMAL, digits, scale, null, false, false, null);
    }

    public static FieldSpec bool(String name) {
        return of(name, FieldKind.BOOLEAN);
    }

    public static FieldSpec timestamp(String name) {
        return of(name, FieldKind.TIMESTAMP);
    }

    public static FieldSpec date(String name) {
        return of(name, FieldKind.DATE);
    }

    /** The id of a record of the entity type named {@code target} ("color"). */
    public static FieldSpec reference(String name, String target) {
        return new FieldSpec(name, FieldKind.REFERENCE, 0, 0, target, false, false, null);
    }

    private static FieldSpec of(String name, FieldKind kind) {
        return new FieldSpec(name, kind, 0, 0, null, false, false, null);
    }

    /** A required name: unique text of at most {@code maxLength} characters, as every catalog entity has. */
    public static FieldSpec uniqueName(int maxLength) {
        return text("name", maxLength).asRequired().asUnique();
    }

    /** This field, required. */
    public FieldSpec asRequired() {
        return new FieldSpec(name, kind, length, scale, target, true, unique, defaultValue);
    }

    /** This field, unique. */
    public FieldSpec asUnique() {
        return new FieldSpec(name, kind, length, scale, target, required, true, defaultValue);
    }

    /**
     * This field, with a default: what a new record gets when it is given no value (and what rows already in the table
     * get when a migration adds the column). Checked like any value; a long text, a reference or text holding ' or \
     * cannot have one.
     */
    public FieldSpec withDefault(Object value) {
        String where = "field '" + name + "': ";
        if (kind == FieldKind.LONG_TEXT || kind == FieldKind.REFERENCE) {
            throw new IllegalArgumentException(where + "a " + kind + " cannot have a default");
        }
        Object checked;
        try {
            checked = check(value);
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(where + "the default " + e.reason().replace("must", "must itself"), e);
        }
        if (checked == null) {
            throw new IllegalArgumentException(where + "a default must be a value");
        }
        if (checked instanceof String text && (text.contains("'") || text.contains("\\"))) {
            throw new IllegalArgumentException(where + "a text default may not contain ' or \\");
        }
        return new FieldSpec(name, kind, length, scale, target, required, unique, checked);
    }

    /** The most characters a text field holds. */
    public int maxLength() {
        return length;
    }

    /** The value as it is stored (of {@link FieldKind#javaType()}; null for an absent optional value), or why it is refused. */
    public Object check(Object value) {
        if (absent(value)) {
            if (required) {
                throw new InvalidFieldException(name, kind.isText() ? "must not be blank" : "is required");
            }
            return null;
        }
        return switch (kind) {
            case TEXT, FIXED_TEXT, LONG_TEXT -> text(value);
            case INTEGER -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIG_INTEGER -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case REFERENCE -> {
                long id = integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
                if (id <= 0) {
                    throw new InvalidFieldException(name, "must be the id of a " + target + ", not " + id);
                }
                yield id;
            }
            case DECIMAL -> decimal(value);
            case BOOLEAN -> typed(value, Boolean.class);
            case TIMESTAMP -> {
                Instant t = typed(value, Instant.class);
                if (t.isBefore(MIN_INSTANT) || t.isAfter(MAX_INSTANT)) {
                    throw new InvalidFieldException(name, "must lie in the years 1000 to 9999, not at " + t);
                }
                yield t.truncatedTo(ChronoUnit.MICROS);
            }
            case DATE -> {
                LocalDate d = typed(value, LocalDate.class);
                if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
                    throw new InvalidFieldException(name, "must lie in the years 1000 to 9999, not " + d);
                }
                yield d;
            }
        };
    }

    /** {@link #check} for a text field, typed: the text as stored (trimmed; null when absent), or why it is refused. */
    public String checkText(String value) {
        if (!kind.isText()) {
            throw new IllegalStateException(name + " is a " + kind + ", not text");
        }
        return (String) check(value);
    }

    /**
     * Whether {@code value} gives this field no value: null, or blank text in a text field (nothing but Unicode
     * White_Space and default-ignorable characters, see {@link TextPolicy}).
     */
    public boolean absent(Object value) {
        return value == null || value instanceof String s && kind.isText() && TextPolicy.blank(s);
    }

    /**
     * A value as text for messages: a decimal in plain notation while it is one a DECIMAL column could hold (at most 65
     * digits before the point and 30 after), in scientific notation beyond; the rest as Java writes it.
     */
    public static String show(Object value) {
        if (value instanceof BigDecimal d) {
            return (long) d.precision() - d.scale() > 65 || d.scale() > 30 ? d.toString() : d.toPlainString();
        }
        return String.valueOf(value);
    }

    private <V> V typed(Object value, Class<V> type) {
        if (!type.isInstance(value)) {
            throw new InvalidFieldException(name, "must be a " + kind + ", not a " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    private String text(Object value) {
        String stored = TextPolicy.clean(name, typed(value, String.class));
        int count = stored.codePointCount(0, stored.length());
        if (kind == FieldKind.FIXED_TEXT && count != length) {
            throw new InvalidFieldException(name, "must be exactly " + length + " characters, not " + count);
        }
        if (count > length) {
            throw new InvalidFieldException(name, "must be at most " + length + " characters, not " + count);
        }
        return stored;
    }

    private long integral(Object value, long min, long max) {
        BigInteger exact;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            exact = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            exact = b;
        } else if (value instanceof BigDecimal d) {
            if (d.signum() != 0 && (long) d.precision() - d.scale() > 19) {
                throw new InvalidFieldException(name, "must be from " + min + " to " + max + ", not " + show(d));
            }
            try {
                exact = d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new InvalidFieldException(name, "must be a whole number, not " + d.toPlainString());
            }
        } else {
            throw new InvalidFieldException(name, "must be " + (kind == FieldKind.REFERENCE ? "an id" : "an " + kind)
                    + ", not a " + value.getClass().getSimpleName());
        }
        if (exact.compareTo(BigInteger.valueOf(min)) < 0 || exact.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidFieldException(name, "must be from " + min + " to " + max + ", not " + exact);
        }
        return exact.longValueExact();
    }

    private BigDecimal decimal(Object value) {
        BigDecimal d;
        if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            d = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw new InvalidFieldException(name, "must be a decimal, not a " + value.getClass().getSimpleName());
        }
        // Digits before the point first, from precision and scale alone: 1e999999999 is refused without writing it out.
        if (d.signum() != 0 && (long) d.precision() - d.scale() > length - scale) {
            throw new InvalidFieldException(name, "must have at most " + (length - scale) + " digits before the point, not "
                    + show(d));
        }
        if (d.stripTrailingZeros().scale() > scale) {
            throw new InvalidFieldException(name, "must have at most " + scale + " digits after the point, not " + show(d));
        }
        return d.setScale(scale);
    }

    @Override
    public String toString() {
        return name;
    }
}
