package furniture.catalog.domain.error;

/** The operation is not allowed in the record's current state (deleted or live). */
public abstract sealed class StateException extends CatalogException
        permits AlreadyDeletedException, NotDeletedException, DeletedRecordException {
    private final String type;
    private final long id;

    protected StateException(String type, long id, String message) {
        super(message);
        this.type = type;
        this.id = id;
    }

    public String type() {
        return type;
    }

    public long id() {
        return id;
    }
}
