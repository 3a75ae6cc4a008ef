package furniture.catalog.archfixture.persistence;

/** Breaks the rules on purpose: an adapter that knows the other adapter. */
public class Dao {
    furniture.catalog.archfixture.grpc.Service service;
}
