package furniture.catalog.migrations.parse;

import furniture.catalog.migrations.operation.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * A script into the statements that run ({@link ScriptSplitter}) and what each does ({@link StatementParser}), for one
 * server ({@link ServerVersion}): the one analysis behind upgrade, downgrade, {@code --sql}, the run marker, the backups
 * and lint.
 */
public final class ScriptAnalyser {
    private final ScriptSplitter splitter;
    private final ServerVersion server;

    public ScriptAnalyser(ScriptSplitter splitter, ServerVersion server) {
        this.splitter = splitter;
        this.server = server;
    }

    /** For lint without a database: Flyway's defaults, MariaDB's parser, {@link ServerVersion#OFFLINE}. */
    public static ScriptAnalyser offline() {
        return new ScriptAnalyser(ScriptSplitter.mariaDb(), ServerVersion.OFFLINE);
    }

    public ServerVersion server() {
        return server;
    }

    public ScriptSplitter splitter() {
        return splitter;
    }

    /** Every statement of the script {@code name}, in order, with its operations. */
    public List<AnalysedStatement> analyse(String name, String text) {
        List<AnalysedStatement> analysed = new ArrayList<>();
        for (ScriptStatement s : splitter.split(name, text)) {
            analysed.add(analyse(s));
        }
        return analysed;
    }

    /** One statement's operations, as this server reads it. */
    public AnalysedStatement analyse(ScriptStatement s) {
        ExecutableComments.Resolved resolved = ExecutableComments.resolve(s.sql(), server);
        if (resolved.dashDashWithoutSpace()) {
            return new AnalysedStatement(s, List.of(new Operation.Opaque("'--' without a space after it: the server reads two minus "
                    + "signs, the parser and Flyway a comment; write '- -' or '-- ' as meant")), null);
        }
        if (ScriptStatement.withoutLeadingComments(resolved.sql()).isBlank()) {
            return new AnalysedStatement(s, List.of(), null); // this server runs nothing of it
        }
        StatementParser.Parsed parsed = StatementParser.parse(resolved.sql());
        return new AnalysedStatement(s, parsed.operations(), parsed.failure());
    }
}
