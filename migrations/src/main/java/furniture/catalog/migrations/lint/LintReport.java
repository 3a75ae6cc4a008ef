package furniture.catalog.migrations.lint;

import java.util.List;

/**
 * What {@code catalog db lint} found.
 *
 * @param scope which scripts it read, in words ("the 1 pending script (7), against catalog at 6")
 * @param scripts the upgrade scripts it read, in order (none: nothing pending)
 * @param findings every finding, errors and warnings, in script order
 * @param notRun the rules it could not apply and why (offline: the ones that need the rows)
 */
public record LintReport(String scope, List<String> scripts, List<Finding> findings, List<String> notRun) {
    public LintReport {
        scripts = List.copyOf(scripts);
        findings = List.copyOf(findings);
        notRun = List.copyOf(notRun);
    }

    public long errors() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    }

    public long warnings() {
        return findings.size() - errors();
    }

    /** Exit 0 with no error (warnings are shown and pass), 1 with one. */
    public int exitCode() {
        return errors() > 0 ? 1 : 0;
    }

    /** The text form: a line per finding, then one line that sums up. */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        findings.forEach(f -> lines.add(f.text()));
        if (scripts.isEmpty()) {
            lines.add("no pending scripts: " + scope);
            return lines;
        }
        notRun.forEach(n -> lines.add("not checked: " + n));
        lines.add((errors() == 0 && warnings() == 0 ? "clean: " : errors() + (errors() == 1 ? " error, " : " errors, ") + warnings()
                + (warnings() == 1 ? " warning in " : " warnings in ")) + scope);
        return lines;
    }
}
