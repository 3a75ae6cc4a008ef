package furniture.catalog.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of the hexagon, for a code base whose packages hang under {@code base}: {@code .domain},
 * {@code .application}, the adapters {@code .persistence} and {@code .grpc}, and the composition root {@code .server}.
 * Parameterised by the base so that the same rules can be shown to fail on a deliberately broken fixture.
 */
final class HexagonalRules {
    private final String base;

    HexagonalRules(String base) {
        this.base = base;
    }

    ArchRule domainDependsOnlyOnJava() {
        return classes().that().resideInAPackage(base + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(base + ".domain..", "java..")
                .because("the domain is embedded by other services as a plain library");
    }

    ArchRule applicationDependsOnlyOnDomain() {
        return classes().that().resideInAPackage(base + ".application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(base + ".application..", base + ".domain..", "java..")
                .because("use cases know the domain and their ports, nothing of the adapters or libraries");
    }

    ArchRule persistenceDoesNotSeeGrpc() {
        return noClasses().that().resideInAPackage(base + ".persistence..")
                .should().dependOnClassesThat().resideInAPackage(base + ".grpc..")
                .because("adapters never depend on each other").allowEmptyShould(true);
    }

    ArchRule grpcDoesNotSeePersistence() {
        return noClasses().that().resideInAPackage(base + ".grpc..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".persistence..", base + ".migrations..")
                .because("adapters never depend on each other").allowEmptyShould(true);
    }

    ArchRule nothingDependsOnTheServer() {
        return noClasses().that().resideOutsideOfPackage(base + ".server..")
                .should().dependOnClassesThat().resideInAPackage(base + ".server..")
                .because("the composition root knows everything and nothing knows it");
    }

    ArchRule jdbiOnlyInPersistence() {
        return noClasses().that().resideOutsideOfPackage(base + ".persistence..")
                .should().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .because("JDBI is the persistence adapter's business");
    }

    ArchRule noSqlInTheHexagonNorInGrpc() {
        return noClasses().that().resideInAnyPackage(base + ".domain..", base + ".application..", base + ".grpc..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.jdbi..", "com.mysql..", "com.zaxxer..")
                .because("SQL types stay in the persistence adapter (and the migration engine)");
    }

    List<ArchRule> all() {
        return List.of(domainDependsOnlyOnJava(), applicationDependsOnlyOnDomain(), persistenceDoesNotSeeGrpc(),
                grpcDoesNotSeePersistence(), nothingDependsOnTheServer(), jdbiOnlyInPersistence(), noSqlInTheHexagonNorInGrpc());
    }
}
