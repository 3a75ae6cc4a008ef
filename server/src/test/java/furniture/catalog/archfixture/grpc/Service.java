package furniture.catalog.archfixture.grpc;

/** Breaks the rules on purpose: an adapter that knows the other adapter, the use cases' implementation, and uses JDBI. */
public class Service {
    furniture.catalog.archfixture.persistence.Dao dao;
    furniture.catalog.archfixture.application.service.UseCaseImpl useCases;
    org.jdbi.v3.core.Jdbi jdbi;
}
