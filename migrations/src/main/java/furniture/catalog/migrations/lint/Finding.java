package furniture.catalog.migrations.lint;

/**
 * One thing lint found in a script.
 *
 * @param script the file, or null for a finding about the folder (two scripts claiming a version)
 * @param line the line of the statement (0 when none)
 * @param severity an error fails lint (exit 1); a warning is shown and passes
 * @param rule the rule's name, as {@code --json} and the README list them
 */
public record Finding(String script, int line, Severity severity, String rule, String message) {
    public enum Severity { ERROR, WARNING }

    /** The rules, by name. */
    public static final String DESTRUCTIVE = "destructive";
    public static final String DATA_CHECK = "data-check";
    public static final String TABLE_COPY = "table-copy";
    public static final String VERSIONS = "versions";
    public static final String OPAQUE = "opaque";
    public static final String EXPAND_CONTRACT = "expand-contract";
    public static final String PLACEHOLDER = "placeholder";

    /** "V7__x.sql:3: error [destructive] …". */
    public String text() {
        String where = script == null ? "" : script + (line > 0 ? ":" + line : "") + ": ";
        return where + severity.name().toLowerCase(java.util.Locale.ROOT) + " [" + rule + "] " + message;
    }
}
