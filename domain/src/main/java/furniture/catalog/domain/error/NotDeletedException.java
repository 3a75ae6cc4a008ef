package furniture.catalog.domain.error;

/** Undeleting or purging a record that is not deleted. */
public final class NotDeletedException extends StateException {
    public NotDeletedException(String type, long id, String operation) {
        super(type, id, type + " " + id + " is not deleted, so it cannot be " + operation);
    }
}
