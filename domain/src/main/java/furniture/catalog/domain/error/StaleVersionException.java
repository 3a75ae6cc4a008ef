package furniture.catalog.domain.error;

/** The caller's version of the record is not the current one: someone changed it since it was read. */
public final class StaleVersionException extends CatalogException {
    private final String type;
    private final long id;
    private final long expected;
    private final long actual;

    public StaleVersionException(String type, long id, long expected, long actual) {
        super(type + " " + id + " is at version " + actual + ", not " + expected + ": it changed since it was read");
        this.type = type;
        this.id = id;
        this.expected = expected;
        this.actual = actual;
    }

    public String type() {
        return type;
    }

    public long id() {
        return id;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
