package furniture.catalog.server.cli;

import furniture.catalog.migrations.MigrationSet;
import furniture.catalog.migrations.ScriptSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * Run by {@code ./catalog} in the first {@code db} command after a build, under {@code -XX:ArchiveClassesAtExit}: loads the classes the
 * {@code db} commands need (picocli, the migration engine, the MySQL driver, Flyway's configuration and migrate
 * path) so that the class-data-sharing archive holds them and short commands start fast. It needs no database: the
 * connections it opens are refused by a closed port, which is enough to load the code that opens them.
 */
public final class CdsTraining {
    private CdsTraining() {}

    static void preload() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        for (String command : new String[] {"upgrade", "downgrade", "current", "history", "stamp", "revision", "check"}) {
            CatalogCli.run(new String[] {"db", command, "--help"}, sink, sink);
        }
        CatalogCli.run(new String[] {"db", "current", "--db-url=jdbc:mysql://127.0.0.1:9/x"}, sink, sink);
        MigrationSet.load(ScriptSource.classpath());
        try {
            DriverManager.getConnection("jdbc:mysql://127.0.0.1:9/x", "x", "x").close();
        } catch (SQLException expected) {
            // Refused, as intended.
        }
        try {
            Flyway.configure().dataSource("jdbc:mysql://127.0.0.1:9/x", "x", "x").connectRetries(0)
                    .locations(ScriptSource.classpath().flywayLocation()).load().migrate();
        } catch (RuntimeException expected) {
            // Refused, as intended.
        }
    }
}
