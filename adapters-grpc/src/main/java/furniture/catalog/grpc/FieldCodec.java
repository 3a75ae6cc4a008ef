package furniture.catalog.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.type.Date;
import com.google.type.Decimal;
import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.record.FieldKind;
import furniture.catalog.domain.record.FieldSpec;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * How each kind of field travels in a resource message (docs/api.md, "Field types"), in one place:
 *
 * <ul>
 *   <li>text kinds: {@code string}, empty meaning absent;</li>
 *   <li>INTEGER: {@code int32}; BIG_INTEGER and REFERENCE (an id): {@code int64}; BOOLEAN: {@code bool}. An optional
 *       field of these kinds is declared {@code optional} in the proto, so that 0 or false can be told from absent;</li>
 *   <li>DECIMAL: {@code google.type.Decimal} (its text, e.g. "12.50", exact);</li>
 *   <li>TIMESTAMP: {@code google.protobuf.Timestamp}; DATE: {@code google.type.Date}.</li>
 * </ul>
 */
final class FieldCodec {
    private FieldCodec() {}

    /** The proto type a field of this kind needs, as a reader writes it. */
    static String protoType(FieldSpec spec) {
        return switch (spec.kind()) {
            case TEXT, FIXED_TEXT, LONG_TEXT -> "string";
            case INTEGER -> "int32";
            case BIG_INTEGER, REFERENCE -> "int64";
            case BOOLEAN -> "bool";
            case DECIMAL -> Decimal.getDescriptor().getFullName();
            case TIMESTAMP -> Timestamp.getDescriptor().getFullName();
            case DATE -> Date.getDescriptor().getFullName();
        };
    }

    /** Why {@code field} cannot carry {@code spec}'s values, or null when it can. */
    static String mismatch(FieldSpec spec, FieldDescriptor field) {
        String wanted = protoType(spec);
        String actual = field.getJavaType() == JavaType.MESSAGE ? field.getMessageType().getFullName() : spell(field.getJavaType());
        if (field.isRepeated() || !actual.equals(wanted)) {
            return "is " + (field.isRepeated() ? "repeated " : "") + actual + ", the " + spec.kind() + " " + spec.name() + " needs " + wanted;
        }
        if (needsPresence(spec) && !field.hasPresence()) {
            return "must be declared 'optional " + wanted + "': the field is optional, and without presence "
                    + (spec.kind() == FieldKind.BOOLEAN ? "false" : "0") + " cannot be told from absent";
        }
        return null;
    }

    private static boolean needsPresence(FieldSpec spec) {
        return !spec.required() && switch (spec.kind()) {
            case INTEGER, BIG_INTEGER, BOOLEAN -> true;
            default -> false; // text: empty is absent; a reference: 0 is no id; messages have presence
        };
    }

    /** The value {@code message} gives for the field, in the domain's Java type (null when absent). */
    static Object read(FieldSpec spec, Message message, FieldDescriptor field) {
        if (field.hasPresence() && !message.hasField(field)) {
            return null;
        }
        Object raw = message.getField(field);
        return switch (spec.kind()) {
            case TEXT, FIXED_TEXT, LONG_TEXT, INTEGER, BIG_INTEGER, BOOLEAN -> raw;
            case REFERENCE -> (Long) raw == 0 ? null : raw;
            case DECIMAL -> {
                String text = ((Decimal) raw).getValue().strip();
                try {
                    yield text.isEmpty() ? null : new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new InvalidFieldException(spec.name(), "must be a decimal number such as 12.50, not '" + text + "'");
                }
            }
            case TIMESTAMP -> {
                Timestamp t = (Timestamp) raw;
                if (t.getNanos() < 0 || t.getNanos() > 999_999_999) {
                    throw new InvalidFieldException(spec.name(), "has nanos out of range: " + t.getNanos());
                }
                try {
                    yield Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
                } catch (DateTimeException e) {
                    throw new InvalidFieldException(spec.name(), "must lie in the years 1000 to 9999, not " + t.getSeconds() + " s from 1970");
                }
            }
            case DATE -> {
                Date d = (Date) raw;
                try {
                    yield LocalDate.of(d.getYear(), d.getMonth(), d.getDay());
                } catch (DateTimeException e) {
                    throw new InvalidFieldException(spec.name(), "must be a full calendar date, not " + d.getYear() + "-" + d.getMonth()
                            + "-" + d.getDay());
                }
            }
        };
    }

    /** Sets the field to {@code value} (of the domain's Java type; nothing is set for null). */
    static void write(FieldSpec spec, Message.Builder builder, FieldDescriptor field, Object value) {
        if (value == null) {
            return;
        }
        Object proto = switch (spec.kind()) {
            case DECIMAL -> Decimal.newBuilder().setValue(((BigDecimal) value).toPlainString()).build();
            case TIMESTAMP -> {
                Instant t = (Instant) value;
                yield Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
            }
            case DATE -> {
                LocalDate d = (LocalDate) value;
                yield Date.newBuilder().setYear(d.getYear()).setMonth(d.getMonthValue()).setDay(d.getDayOfMonth()).build();
            }
            default -> value;
        };
        builder.setField(field, proto);
    }

    static String spell(JavaType type) {
        return switch (type) {
            case LONG -> "int64";
            case INT -> "int32";
            case STRING -> "string";
            case BOOLEAN -> "bool";
            case ENUM -> "an enum";
            case MESSAGE -> "a message";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
