package furniture.catalog.archfixture.application.port.out;

/** A query type misplaced among the out-ports. */
public record Criteria(boolean includeDeleted) {}
