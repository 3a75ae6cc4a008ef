package furniture.catalog.domain.error;

/** No record of that type has that id. */
public final class NotFoundException extends CatalogException {
    private final String type;
    private final long id;

    public NotFoundException(String type, long id) {
        super("no " + type + " with id " + id);
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
