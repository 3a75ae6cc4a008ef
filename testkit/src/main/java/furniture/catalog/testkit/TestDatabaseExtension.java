package furniture.catalog.testkit;

import furniture.catalog.embedded.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Creates the test class's database before its tests and drops it after them. See {@link CatalogDatabase}. */
public final class TestDatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        boolean embedded = context.getRequiredTestClass().getAnnotation(CatalogDatabase.class) != null
                && context.getRequiredTestClass().getAnnotation(CatalogDatabase.class).embedded();
        Server server = embedded ? Servers.embedded() : Servers.configuredOrEmbedded();
        String name = uniqueName(context.getRequiredTestClass());
        try (Connection c = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "`");
        }
        context.getStore(NAMESPACE).put(TestDatabase.class,
                new TestDatabase(server.url(), name, server.user(), server.password(), server.embedded()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        TestDatabase db = context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
        if (db == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(db.serverUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + db.name() + "`");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getStore(NAMESPACE).get(TestDatabase.class) == null && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
    }

    private static String uniqueName(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (simple.length() > 30) {
            simple = simple.substring(0, 30);
        }
        return "catalog_test_" + simple + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    record Server(String url, String user, String password, boolean embedded) {}

    /** The servers tests may use: the configured one, and one embedded MariaDB per JVM, started on first use. */
    static final class Servers {
        private static Server embeddedServer;

        static Server configuredOrEmbedded() {
            String url = System.getenv("CATALOG_TEST_DB_URL");
            if (url == null || url.isBlank()) {
                return embedded();
            }
            String user = envOr("CATALOG_TEST_DB_USER", "root");
            String password = envOr("CATALOG_TEST_DB_PASSWORD", "");
            String serverUrl = url.endsWith("/") ? url : url + "/";
            return new Server(serverUrl, user, password, false);
        }

        static synchronized Server embedded() {
            if (embeddedServer == null) {
                Path home = repoRoot().resolve("target").resolve("test-mariadb");
                EmbeddedMariaDb db = EmbeddedMariaDb.startOrAttach(home);
                Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-stop"));
                embeddedServer = new Server(db.jdbcUrl(""), db.user(), db.password(), true);
            }
            return embeddedServer;
        }

        private static Path repoRoot() {
            String root = System.getProperty("catalog.repo.root");
            return root == null ? Path.of("").toAbsolutePath() : Path.of(root);
        }

        private static String envOr(String name, String fallback) {
            String value = System.getenv(name);
            return value == null ? fallback : value;
        }
    }
}
