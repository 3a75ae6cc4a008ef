package furniture.catalog.archfixture.migrations;

import furniture.catalog.archfixture.domain.LeakyEntity;

/** Breaks the migration engine's rules: it knows the catalog's domain, and reads Flyway's internals outside the splitter. */
public final class LeakyMigration {
    LeakyEntity entity;
    org.flywaydb.core.internal.parser.ParsingContext parsing = new org.flywaydb.core.internal.parser.ParsingContext();
}
