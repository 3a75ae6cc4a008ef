package furniture.catalog.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a fresh, uniquely named database, dropped after the class.
 *
 * <p>The database lives on the server named by {@code CATALOG_TEST_DB_URL} (with {@code CATALOG_TEST_DB_USER} and
 * {@code CATALOG_TEST_DB_PASSWORD}), or, when that is unset or {@link #embedded()} is true, on one embedded MariaDB
 * started once per test JVM. Test methods and constructors receive it as a {@link TestDatabase} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestDatabaseExtension.class)
public @interface CatalogDatabase {
    /** Always use the embedded MariaDB, even when {@code CATALOG_TEST_DB_URL} is set: keeps the newcomer's path tested. */
    boolean embedded() default false;
}
