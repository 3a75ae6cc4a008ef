package furniture.catalog.migrations.parse;

import furniture.catalog.migrations.operation.Operation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A statement as it runs, and what it does: its operations, read from the text the server reads (executable comments
 * resolved for the server at hand).
 *
 * @param statement the statement as Flyway splits and runs it
 * @param operations what it does; one {@link Operation.Opaque} when that is not known; none when the server runs
 *     nothing of it (only comments, or executable comments this server skips)
 * @param failure where the parser stopped, when it rejected the statement
 */
public record AnalysedStatement(ScriptStatement statement, List<Operation> operations, StatementParser.Failure failure) {
    /**
     * The marker that lets an opaque statement run: a comment line before it, saying why it is safe, e.g.
     * {@code -- catalog:reviewed the procedure only reads}.
     */
    public static final String REVIEWED_MARKER = "-- catalog:reviewed";
    private static final Pattern REVIEWED = Pattern.compile("(?m)^\\s*-- catalog:reviewed\\b");

    public AnalysedStatement {
        operations = List.copyOf(operations);
    }

    /** The operations nothing is known of. */
    public List<Operation.Opaque> opaque() {
        return operations.stream().filter(Operation.Opaque.class::isInstance).map(Operation.Opaque.class::cast).toList();
    }

    /** Whether the script marks the statement reviewed ({@value #REVIEWED_MARKER} in the comments before it). */
    public boolean reviewed() {
        return REVIEWED.matcher(statement.leadingComments()).find();
    }

    /** An opaque statement that nobody marked reviewed: the guard and lint refuse it. */
    public boolean unreviewedOpaque() {
        return !opaque().isEmpty() && !reviewed();
    }

    /** The line of the script where the parser stopped (or the statement's first line). */
    public int problemLine() {
        if (failure == null) {
            return statement.line();
        }
        // The parser counts lines in the statement's text, which starts at the comments before it.
        int commentLines = (int) statement.leadingComments().chars().filter(c -> c == '\n').count();
        return statement.line() - commentLines + failure.line() - 1;
    }
}
