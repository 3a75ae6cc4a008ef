package furniture.catalog.migrations.parse;

/**
 * One statement of a script exactly as it runs: the text Flyway hands to JDBC (its leading comments included, its
 * delimiter not), and the delimiter it ended with ({@code ;}, or what a {@code DELIMITER} line set).
 *
 * @param script the file it comes from
 * @param index its place in the script, from 1 (what the run marker counts and Flyway's callbacks follow)
 * @param line the line of its first token that is not a comment
 * @param sql the text that runs
 * @param delimiter what ended it in the script
 */
public record ScriptStatement(String script, int index, int line, String sql, String delimiter) {

    /** What Flyway's per-statement callbacks see of it: the text with its delimiter. */
    public String asFlywayCallbackSees() {
        return sql + delimiter;
    }

    /** "V7__x.sql line 3". */
    public String where() {
        return script + " line " + line;
    }

    /** The statement on one line, cut to {@code max} characters, its leading comments left out: for messages. */
    public String oneLine(int max) {
        String code = withoutLeadingComments(sql).strip().replaceAll("\\s+", " ");
        return code.length() > max ? code.substring(0, max - 3) + "..." : code;
    }

    /** The text after the comments that come first (Flyway gives the next statement the comments before it). */
    public static String withoutLeadingComments(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || sql.startsWith("-- ", i) || sql.startsWith("--\t", i) || sql.startsWith("--\n", i)
                    || sql.startsWith("--\r", i) || (sql.startsWith("--", i) && i + 2 == n)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i) && !sql.startsWith("/*!", i) && !sql.startsWith("/*M!", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return sql.substring(i);
    }

    /** The comments before the code: where a {@code -- catalog:reviewed} marker is written. */
    public String leadingComments() {
        return sql.substring(0, sql.length() - withoutLeadingComments(sql).length());
    }
}
