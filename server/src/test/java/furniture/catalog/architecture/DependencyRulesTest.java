package furniture.catalog.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hexagon's rules hold for the product's classes (all modules: the server's test classpath sees them all), and
 * each rule fails on the fixture under {@code furniture.catalog.archfixture}, which breaks every one of them.
 */
class DependencyRulesTest {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("furniture.catalog");
    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages("furniture.catalog.archfixture");

    static Stream<Arguments> rules() {
        return Stream.<Function<HexagonalRules, ArchRule>>of(
                        HexagonalRules::domainDependsOnlyOnJava, HexagonalRules::applicationDependsOnlyOnDomain,
                        HexagonalRules::persistenceDoesNotSeeGrpc, HexagonalRules::grpcDoesNotSeePersistence,
                        HexagonalRules::nothingDependsOnTheServer, HexagonalRules::jdbiOnlyInPersistence,
                        HexagonalRules::noSqlInTheHexagonNorInGrpc, HexagonalRules::adaptersSeeOnlyTheApplicationsPorts,
                        HexagonalRules::inPortsStandAlone, HexagonalRules::noTypeSharesAnEntitysName,
                        HexagonalRules::migrationsKnowNothingOfTheCatalog, HexagonalRules::flywayInternalsOnlyInTheSplitter)
                .map(rule -> Arguments.of(rule.apply(new HexagonalRules("furniture.catalog")).getDescription(), rule));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theProductKeepsTheRule(String description, Function<HexagonalRules, ArchRule> rule) {
        assertTrue(PRODUCT.size() > 50, "the product's classes were imported");
        rule.apply(new HexagonalRules("furniture.catalog")).check(PRODUCT);
    }

    @ParameterizedTest(name = "can fail: {0}")
    @MethodSource("rules")
    void theRuleCatchesABreach(String description, Function<HexagonalRules, ArchRule> rule) {
        assertThrows(AssertionError.class, () -> rule.apply(new HexagonalRules("furniture.catalog.archfixture")).check(BROKEN));
    }
}
