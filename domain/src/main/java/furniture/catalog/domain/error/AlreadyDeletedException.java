package furniture.catalog.domain.error;

/** Deleting a record that is already deleted. */
public final class AlreadyDeletedException extends StateException {
    public AlreadyDeletedException(String type, long id) {
        super(type, id, type + " " + id + " is already deleted");
    }
}
