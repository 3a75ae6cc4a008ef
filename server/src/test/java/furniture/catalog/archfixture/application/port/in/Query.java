package furniture.catalog.archfixture.application.port.in;

/** Breaks the rules on purpose: an in-port type that needs an out-port type. */
public record Query(furniture.catalog.archfixture.application.port.out.Criteria criteria) {}
