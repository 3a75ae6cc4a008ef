package furniture.catalog.application.port.out;

/** The last record of a page: the next page starts after it. {@code name} is used when ordering by name. */
public record Cursor(String name, long id) {}
