package furniture.catalog.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    ArchRule adaptersSeeOnlyTheApplicationsPorts() {
        return noClasses().that().resideInAnyPackage(base + ".grpc..", base + ".persistence..")
                .should().dependOnClassesThat().resideInAPackage(base + ".application.service..")
                .because("adapters are given the use cases through the in-ports; the composition root builds them");
    }

    ArchRule inPortsStandAlone() {
        return classes().that().resideInAPackage(base + ".application.port.in..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(base + ".application.port.in..", base + ".domain..", "java..")
                .because("a caller of the use cases (an inbound adapter, a service embedding them) needs nothing of the "
                        + "out-ports: what a query asks for, such as ListCriteria, is an in-port type");
    }

    ArchRule noTypeSharesAnEntitysName() {
        // Every class is given to the condition, so that init() sees the entities too; check() judges the others.
        return classes().that().resideInAPackage(base + "..").should(new ArchCondition<JavaClass>(
                "not have the simple name of a domain entity (the generated API's messages aside)") {
            private final Set<String> entities = new HashSet<>();

            @Override
            public void init(Collection<JavaClass> all) {
                all.stream().filter(c -> c.getPackageName().startsWith(base + ".domain.entity")).map(JavaClass::getSimpleName)
                        .forEach(entities::add);
            }

            @Override
            public void check(JavaClass item, ConditionEvents events) {
                // The generated API (v1) names its resources after the entities on purpose: they are the same thing on the wire.
                if (entities.contains(item.getSimpleName()) && !item.getPackageName().startsWith(base + ".domain")
                        && !item.getPackageName().startsWith(base + ".v1")) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " has the name of the domain entity "
                            + item.getSimpleName()));
                }
            }
        }).because("a reader who meets Role must know which one it is (the access level is AccessLevel)");
    }

    ArchRule migrationsKnowNothingOfTheCatalog() {
        return noClasses().that().resideInAPackage(base + ".migrations..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".domain..", base + ".application..", base + ".persistence..",
                        base + ".grpc..", base + ".server..")
                .because("the migration engine is Flyway, JSqlParser and SQL; the model reaches it as a schema the server builds");
    }

    ArchRule flywayInternalsOnlyInTheSplitter() {
        return noClasses().that().resideInAPackage(base + "..").and().doNotHaveFullyQualifiedName(base + ".migrations.parse.ScriptSplitter")
                .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb.core.internal..", "org.flywaydb.database..")
                .because("Flyway's internal parser is used in one place, which OneSplitterTest pins against Flyway's migrate");
    }

    List<ArchRule> all() {
        return List.of(domainDependsOnlyOnJava(), applicationDependsOnlyOnDomain(), persistenceDoesNotSeeGrpc(),
                grpcDoesNotSeePersistence(), nothingDependsOnTheServer(), jdbiOnlyInPersistence(), noSqlInTheHexagonNorInGrpc(),
                adaptersSeeOnlyTheApplicationsPorts(), inPortsStandAlone(), noTypeSharesAnEntitysName(), migrationsKnowNothingOfTheCatalog(),
                flywayInternalsOnlyInTheSplitter());
    }
}
