package furniture.catalog.archfixture.domain;

/** Breaks the rules on purpose: a domain class that uses SQL and reaches into the application and the server. */
public class LeakyEntity {
    java.sql.Connection connection;
    furniture.catalog.archfixture.application.Ports ports;
    furniture.catalog.archfixture.server.Wiring wiring;
}
