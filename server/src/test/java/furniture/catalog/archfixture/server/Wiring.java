package furniture.catalog.archfixture.server;

/** The fixture's composition root. */
public class Wiring {}
