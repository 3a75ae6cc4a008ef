package furniture.catalog.domain.error;

/**
 * A record cannot be purged while records of another entity type refer to it: change or purge those first. (Soft
 * deletion is allowed: a deleted record still exists and can be undeleted.)
 */
public final class StillReferencedException extends CatalogException {
    private final String type;
    private final long id;
    private final String referencedBy;

    /** @param referencedBy the entity type whose records refer to it, e.g. "sample item" */
    public StillReferencedException(String type, long id, String referencedBy) {
        super(type + " " + id + " is still referenced by a " + referencedBy + ": change or purge those records first");
        this.type = type;
        this.id = id;
        this.referencedBy = referencedBy;
    }

    public String type() {
        return type;
    }

    public long id() {
        return id;
    }

    public String referencedBy() {
        return referencedBy;
    }
}
