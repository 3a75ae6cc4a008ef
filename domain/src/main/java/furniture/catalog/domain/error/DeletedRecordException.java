package furniture.catalog.domain.error;

/** Changing a deleted record: it can be read, undeleted or purged, not updated. */
public final class DeletedRecordException extends StateException {
    public DeletedRecordException(String type, long id) {
        super(type, id, type + " " + id + " is deleted: undelete it before changing it");
    }
}
