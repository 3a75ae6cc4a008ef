package furniture.catalog.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import furniture.catalog.application.port.out.CatalogRepository;
import furniture.catalog.application.port.out.PageTokenSecret;
import furniture.catalog.application.port.out.Transactions;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The persistence adapter, assembled: a HikariCP pool, JDBI on it, and the out-ports it implements. */
public final class Persistence implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DaoScope scope;
    private final Tables tables;
    private final StoredPageTokenSecret pageTokenSecret;

    private Persistence(HikariDataSource dataSource, java.time.Duration statementTimeout, Tables tables) {
        this.dataSource = dataSource;
        this.tables = tables;
        Jdbi jdbi = Jdbi.create(new DeadlineConnections(dataSource)).installPlugin(new SqlObjectPlugin())
                .registerRowMapper(StoredRow.class, new StoredRowMapper())
                .registerArgument(new UtcInstantArgument());
        jdbi.getConfig(SqlStatements.class).addCustomizer(new DeadlineCustomizer(statementTimeout));
        this.scope = new DaoScope(jdbi);
        this.pageTokenSecret = new StoredPageTokenSecret(jdbi);
    }

    /** The adapter for the catalog's tables ({@link StorageModel#CATALOG}). */
    public static Persistence start(PersistenceSettings settings) {
        return start(settings, StorageModel.CATALOG);
    }

    /**
     * The adapter for these tables; an {@link IllegalArgumentException} naming what cannot be expressed (see
     * {@link StorageModel#declare}).
     */
    public static Persistence start(PersistenceSettings settings, java.util.List<EntityTable> tables) {
        Tables declared = new Tables(tables);
        HikariConfig config = new HikariConfig();
        config.setPoolName("catalog");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        // Start even when the database is down: callers get "storage unavailable" until it answers.
        config.setInitializationFailTimeout(-1);
        settings.metrics().ifPresent(config::setMetricsTrackerFactory);
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "250");
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
        config.addDataSourceProperty("useLocalSessionState", "true");
        // Every transaction runs at READ COMMITTED (JdbiTransactions); with the connections already there, JDBI's switch to
        // it and back costs no round trip (the driver knows the session's level), so a Create is BEGIN, INSERT, COMMIT
        // rather than two SET TRANSACTION statements around them. Single statements outside a transaction see no difference.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Connector/J traces every statement when it finds the OpenTelemetry API on the classpath; nothing exports those.
        config.addDataSourceProperty("openTelemetry", "DISABLED");
        // A database that stops answering (packets dropped, not refused) must not hold connections for ever: a new one
        // gives up after the connect timeout, a statement after its network timeout (set per statement, see DeadlineCustomizer).
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.min(3000, settings.connectionTimeout().toMillis())));
        config.addDataSourceProperty("socketTimeout", Long.toString(settings.statementTimeout().plusSeconds(1).toMillis()));
        return new Persistence(new HikariDataSource(config), settings.statementTimeout(), declared);
    }

    public CatalogRepository repository() {
        return new JdbiCatalogRepository(scope, tables);
    }

    public Transactions transactions() {
        return new JdbiTransactions(scope);
    }

    /** The key that seals page tokens, the same for every replica on this database. */
    public PageTokenSecret pageTokenSecret() {
        return pageTokenSecret;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
