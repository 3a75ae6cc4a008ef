package furniture.catalog.archfixture.application.service;

/** A use case implementation, which the grpc fixture reaches into. */
public class UseCaseImpl {}
