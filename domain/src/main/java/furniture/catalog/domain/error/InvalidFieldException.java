package furniture.catalog.domain.error;

/** A field's value breaks a rule: the field's name and the reason, e.g. {@code name: must not be blank}. */
public final class InvalidFieldException extends CatalogException {
    private final String field;
    private final String reason;

    public InvalidFieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
