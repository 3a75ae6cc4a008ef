package furniture.catalog.archfixture.application;

/** Breaks the rules on purpose: a use case that knows an adapter. */
public class Ports {
    furniture.catalog.archfixture.persistence.Dao dao;
}
