package furniture.catalog.migrations.parse;

import furniture.catalog.migrations.MigrationException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.ParsedSqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.mysql.MySQLParser;
import org.flywaydb.database.mysql.mariadb.MariaDBParser;

/**
 * Splits a script into the statements that run, with Flyway's own parser: the one splitter of the engine. Flyway's
 * migrate runs the V scripts with exactly this parser (MariaDB's or MySQL's, as the server is), so the statements
 * analysed, guarded, probed, printed by {@code --sql} and counted by the run marker are those that run; the engine runs
 * the D scripts and the backups it replays from the same list, one JDBC execute per statement as Flyway does. It knows
 * what a hand-written splitter gets wrong: {@code DELIMITER} and stored programs, {@code ;} and {@code --} inside quotes,
 * {@code /*!NNNNN … *}{@code /} (sent to the server, which decides), a {@code /*! … *}{@code /} or {@code /*M! … *}{@code /}
 * alone (a comment to Flyway, so never run), placeholders ({@code ${name}}, replaced first).
 *
 * <p>This is the only class that uses Flyway's internal API ({@code org.flywaydb.core.internal}); ScriptSplitterTest
 * pins it: a real migrate of a script with each of those constructs sends JDBC exactly this list, and its callbacks see
 * each statement with its delimiter.
 */
public final class ScriptSplitter {
    private final Configuration configuration;
    private final boolean mariaDb;

    /** Splits as Flyway configured with {@code configuration} does on MariaDB ({@code mariaDb}) or MySQL. */
    public ScriptSplitter(Configuration configuration, boolean mariaDb) {
        this.configuration = configuration;
        this.mariaDb = mariaDb;
    }

    /** With Flyway's defaults (placeholders replaced, UTF-8), as the engine configures it, on MariaDB. */
    public static ScriptSplitter mariaDb() {
        return new ScriptSplitter(org.flywaydb.core.Flyway.configure().load().getConfiguration(), true);
    }

    /** For data the engine wrote itself (backup files): as Flyway splits, with no placeholder replaced. */
    public static ScriptSplitter forData() {
        return new ScriptSplitter(org.flywaydb.core.Flyway.configure().placeholderReplacement(false).load().getConfiguration(), true);
    }

    /**
     * The statements of {@code text}, the script {@code name}, in order. A script Flyway cannot split (a DELIMITER inside
     * a statement, an unknown placeholder) fails with one line naming the file.
     */
    public List<ScriptStatement> split(String name, String text) {
        ParsingContext context = new ParsingContext();
        Parser parser = mariaDb ? new MariaDBParser(configuration, context) : new MySQLParser(configuration, context);
        List<ScriptStatement> statements = new ArrayList<>();
        try (SqlStatementIterator it = parser.parse(new StringResource(text))) {
            SqlStatement s;
            while ((s = it.next()) != null) {
                int line = s instanceof ParsedSqlStatement p ? p.getLine() : s.getLineNumber();
                statements.add(new ScriptStatement(name, statements.size() + 1, line, s.getSql(), s.getDelimiter()));
            }
        } catch (FlywayException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().lines().findFirst().orElse("");
            throw MigrationException.failure(name + ": Flyway cannot split it into statements: " + message);
        }
        return statements;
    }
}
