package furniture.catalog.archfixture.grpc;

/** Breaks the rules on purpose: an adapter type named like a domain entity. */
public enum Role { READER }
