package furniture.catalog.migrations;

import furniture.catalog.migrations.guard.DataGuard;
import furniture.catalog.migrations.history.AppliedMigration;
import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.lint.Finding;
import furniture.catalog.migrations.lint.Finding.Severity;
import furniture.catalog.migrations.lint.LintReport;
import furniture.catalog.migrations.lint.LintRules;
import furniture.catalog.migrations.parse.AnalysedScript;
import furniture.catalog.migrations.parse.ScriptAnalyser;
import furniture.catalog.migrations.schema.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code catalog db lint}: the upgrade's own analysis as a CI step, without running anything. Offline it reads every
 * upgrade script (or a range) and applies the rules that need no rows; against a database it reads the pending ones
 * (or a range) and adds the rules that do: what each destroys and how much, the data checks, the large-table probe,
 * and versions below the database's that never ran.
 */
final class Lint {
    private static final Pattern LOOKS_LIKE_MIGRATION = Pattern.compile("(?i)[VD]\\d+.*\\.sql");
    private static final Pattern MIGRATION = Pattern.compile("[VD]\\d+__.+\\.sql");
    private static final List<String> NEED_ROWS = List.of(Finding.DATA_CHECK + " (what today's rows would make fail)",
            Finding.TABLE_COPY + " (ALTERs that copy or block a large table)",
            Finding.DESTRUCTIVE + " counted against the rows (offline, every statement that may destroy data is named)",
            Finding.VERSIONS + " below the database's that never ran");

    private Lint() {}

    /** Without a database: the scripts with {@code from < version <= to} (tokens as upgrade takes them; null: all). */
    static LintReport offline(ScriptSource source, Schema model, String from, String to) {
        List<Finding> findings = new ArrayList<>(names(source));
        MigrationSet set;
        try {
            set = MigrationSet.load(source);
        } catch (MigrationException e) {
            findings.add(new Finding(null, 0, Severity.ERROR, Finding.VERSIONS, e.getMessage()));
            return new LintReport("the scripts in " + source.flywayLocation() + " (their versions do not hold together)", List.of("?"),
                    findings, List.of());
        }
        int lower = from == null ? 0 : set.resolve(from);
        int upper = to == null ? set.head() : set.resolve(to);
        List<Migration> range = set.between(lower, upper);
        List<AnalysedScript> scripts = analyse(ScriptAnalyser.offline(), set, range);
        findings.addAll(LintRules.opaque(scripts));
        findings.addAll(LintRules.placeholders(scripts));
        findings.addAll(LintRules.destructive(scripts));
        if (model != null) {
            findings.addAll(LintRules.expandContract(scripts, model));
        }
        return new LintReport(describe(range, "offline, for " + furniture.catalog.migrations.parse.ServerVersion.OFFLINE), range.stream()
                .map(Migration::script).toList(), sorted(findings, range), NEED_ROWS);
    }

    /** Against the database: the pending scripts, or those with {@code from < version <= to}. */
    static LintReport online(MigrationContext ctx, Schema model, String from, String to) {
        List<Finding> findings = new ArrayList<>(names(ctx.source()));
        MigrationSet set;
        try {
            set = ctx.migrations();
        } catch (MigrationException e) {
            findings.add(new Finding(null, 0, Severity.ERROR, Finding.VERSIONS, e.getMessage()));
            return new LintReport("the scripts (their versions do not hold together)", List.of("?"), findings, List.of());
        }
        try (Connection c = ctx.connector().connect()) {
            DatabaseState state = MigrationContext.state(c);
            int current = state.version();
            for (Migration m : set.all()) {
                int baseline = state.baseline().map(AppliedMigration::versionNumber).orElse(0);
                if (m.version() < current && m.version() > baseline && state.applied(m.version()).isEmpty()) {
                    findings.add(new Finding(m.script(), 0, Severity.ERROR, Finding.VERSIONS, "version " + m.version() + " is below the "
                            + "database's " + current + " and never ran there: an upgrade will not run it; give it a version above "
                            + set.head() + " (rename V and D)"));
                }
            }
            int lower = from == null ? current : set.resolve(from);
            int upper = to == null ? set.head() : set.resolve(to);
            List<Migration> range = set.between(lower, upper);
            String scope = describe(range, "against " + c.getCatalog() + " at " + (current == 0 ? "base" : current));
            if (range.isEmpty()) {
                return new LintReport(from == null && to == null ? "the database " + c.getCatalog() + " is at "
                        + (current == 0 ? "base" : current) + ", the head of these scripts" : "no script in that range", List.of(), findings, List.of());
            }
            ScriptAnalyser analyser = ctx.analyser(c);
            List<AnalysedScript> scripts = analyse(analyser, set, range);
            findings.addAll(LintRules.opaque(scripts));
            findings.addAll(LintRules.placeholders(scripts));
            if (model != null) {
                findings.addAll(LintRules.expandContract(scripts, model));
            }
            DataGuard.Assessment assessment = new DataGuard(c).assess(scripts);
            for (DataGuard.Loss loss : assessment.losses()) {
                findings.add(LintRules.destructive(loss.script(), loss.statement(), "`" + loss.statement().statement().oneLine(60) + "` would destroy " + loss.describe()));
            }
            for (DataGuard.Violation v : assessment.violations()) {
                findings.add(new Finding(v.script().name(), v.statement().statement().line(), Severity.ERROR, Finding.DATA_CHECK,
                        v.operation().describe() + " would fail on today's rows: " + v.problem()));
            }
            for (DataGuard.Unchecked u : assessment.unchecked()) {
                findings.add(new Finding(u.script().name(), u.statement().statement().line(), Severity.WARNING, Finding.DATA_CHECK,
                        u.operation().describe() + ": checked by the server when it runs, since an earlier pending statement writes "
                                + u.operation().table()));
            }
            for (LargeTables.Alter alter : new LargeTables(c, ctx.largeTableRows()).plan(scripts)) {
                if (alter.blocksWrites()) {
                    findings.add(new Finding(alter.statement().script(), alter.statement().line(), Severity.ERROR, Finding.TABLE_COPY,
                            alter.describe().substring(alter.statement().script().length() + 2) + ", " + alter.consequence()
                                    + "; `catalog db upgrade` refuses it without --allow-table-copy"));
                }
            }
            return new LintReport(scope, range.stream().map(Migration::script).toList(), sorted(findings, range), List.of());
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    /** A .sql file that looks meant as a migration but that Flyway and catalog would skip for its name. */
    private static List<Finding> names(ScriptSource source) {
        List<Finding> findings = new ArrayList<>();
        for (String name : source.list()) {
            if (LOOKS_LIKE_MIGRATION.matcher(name).matches() && !MIGRATION.matcher(name).matches()) {
                findings.add(new Finding(name, 0, Severity.ERROR, Finding.VERSIONS, "is not named V<n>__<description>.sql or "
                        + "D<n>__<description>.sql (two underscores, a capital letter): the upgrade skips it without a word"));
            }
        }
        return findings;
    }

    private static List<AnalysedScript> analyse(ScriptAnalyser analyser, MigrationSet set, List<Migration> range) {
        List<AnalysedScript> scripts = new ArrayList<>();
        for (Migration m : range) {
            scripts.add(new AnalysedScript(m.script(), "the upgrade of " + m.label(), analyser.analyse(m.script(), set.source().read(m.script()))));
        }
        return scripts;
    }

    private static String describe(List<Migration> range, String how) {
        return range.size() + (range.size() == 1 ? " script (" : " scripts (") + (range.isEmpty() ? "none"
                : range.size() == 1 ? Integer.toString(range.get(0).version()) : range.get(0).version() + " to "
                        + range.get(range.size() - 1).version()) + "), " + how;
    }

    /** In the order the scripts run, then by line: the order a reader goes through them (findings on the folder first). */
    private static List<Finding> sorted(List<Finding> findings, List<Migration> range) {
        List<String> order = range.stream().map(Migration::script).toList();
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparingInt((Finding f) -> order.indexOf(f.script())).thenComparingInt(Finding::line));
        return sorted;
    }
}
