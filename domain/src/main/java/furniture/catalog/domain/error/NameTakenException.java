package furniture.catalog.domain.error;

/**
 * A unique field's value (a name, an abbreviation) is held by another record. The holder may be soft-deleted: the
 * uniqueness covers deleted records too, so the way out is to undelete or purge that record.
 */
public final class NameTakenException extends CatalogException {
    private final String type;
    private final String field;
    private final String value;
    private final long holderId;
    private final boolean holderDeleted;

    public NameTakenException(String type, String field, String value, long holderId, boolean holderDeleted) {
        super(type + " " + field + " '" + value + "' is taken by " + type + " " + holderId
                + (holderDeleted ? ", which is deleted: undelete or purge it to use the " + field + " again" : ""));
        this.type = type;
        this.field = field;
        this.value = value;
        this.holderId = holderId;
        this.holderDeleted = holderDeleted;
    }

    public String type() {
        return type;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public long holderId() {
        return holderId;
    }

    public boolean holderDeleted() {
        return holderDeleted;
    }
}
