package furniture.catalog.archfixture.grpc;

/** Breaks the rules on purpose: an adapter that knows the other adapter and uses JDBI. */
public class Service {
    furniture.catalog.archfixture.persistence.Dao dao;
    org.jdbi.v3.core.Jdbi jdbi;
}
