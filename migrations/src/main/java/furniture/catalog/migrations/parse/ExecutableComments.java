package furniture.catalog.migrations.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server reads of a statement's executable comments ({@code /*!40101 … *}{@code /}, {@code /*M!100100 … *}{@code /},
 * {@code /*! … *}{@code /}): each one's content where this server runs it, nothing where it does not. The parser sees
 * that text; what runs is still the statement as written, and the server decides the same way.
 *
 * <p>A small lexer keeps strings, quoted names and ordinary comments as they are. It also finds what no parser sees:
 * {@code --} followed by something other than a space, which the server reads as two minus signs and JSqlParser (and
 * Flyway's splitter) as a comment.
 */
public final class ExecutableComments {
    private static final Pattern EXECUTABLE = Pattern.compile("/\\*(M?)!(\\d{5,6})?");

    private ExecutableComments() {}

    /** What the text is to the server. */
    public record Resolved(String sql, boolean dashDashWithoutSpace) {}

    public static Resolved resolve(String sql, ServerVersion server) {
        StringBuilder out = new StringBuilder();
        boolean dashDash = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '#' || c == '-' && sql.startsWith("--", i)) {
                if (c == '-' && i + 2 < n && !Character.isWhitespace(sql.charAt(i + 2))) {
                    dashDash = true;
                }
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                int end = close < 0 ? n : close + 2;
                Matcher m = EXECUTABLE.matcher(sql).region(i, Math.min(n, i + 10));
                if (m.lookingAt()) {
                    boolean runs = server.runs(!m.group(1).isEmpty(), m.group(2));
                    out.append(' ').append(runs ? sql.substring(m.end(), Math.max(m.end(), close < 0 ? n : close)) : "").append(' ');
                } else {
                    out.append(sql, i, end);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Resolved(out.toString(), dashDash);
    }

    private static int endOfQuoted(String sql, int start) {
        char quote = sql.charAt(start);
        int j = start + 1;
        int n = sql.length();
        while (j < n) {
            char d = sql.charAt(j);
            if (d == '\\' && quote != '`') {
                j += 2;
            } else if (d == quote && j + 1 < n && sql.charAt(j + 1) == quote) {
                j += 2;
            } else if (d == quote) {
                return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }
}
