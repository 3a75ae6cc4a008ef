package furniture.catalog.archfixture.domain.entity;

/** An entity of the fixture, whose name the grpc fixture takes. */
public record Role(String name) {}
