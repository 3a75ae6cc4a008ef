package furniture.catalog.migrations.lint;

import furniture.catalog.migrations.lint.Finding.Severity;
import furniture.catalog.migrations.operation.DataAtRisk;
import furniture.catalog.migrations.operation.Operation;
import furniture.catalog.migrations.parse.AnalysedScript;
import furniture.catalog.migrations.parse.AnalysedStatement;
import furniture.catalog.migrations.schema.Schema;
import furniture.catalog.migrations.schema.SchemaDiff;
import furniture.catalog.migrations.schema.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules lint applies to the statements alone, with no database: what each statement is (opaque), what it may destroy,
 * placeholders left by {@code migrate}, and expand/contract against the model this build serves. The rules that need
 * the rows (what is destroyed and how much, the data checks, the large-table probe) are judged from the database by
 * the engine and reported in the same {@link Finding}s.
 *
 * <p>A statement marked {@code -- catalog:reviewed <why>} has been looked at: its opaque, destructive and
 * expand/contract findings become warnings (the upgrade still asks {@code --allow-data-loss} for what it destroys).
 */
public final class LintRules {
    private LintRules() {}

    /** A statement nothing is known of: an error unless reviewed; where the parser stopped, the line is that line. */
    public static List<Finding> opaque(List<AnalysedScript> scripts) {
        List<Finding> findings = new ArrayList<>();
        each(scripts, (script, s) -> {
            for (Operation.Opaque o : s.opaque()) {
                findings.add(new Finding(script.name(), s.problemLine(), s.reviewed() ? Severity.WARNING : Severity.ERROR, Finding.OPAQUE,
                        o.describe() + " in `" + s.statement().oneLine(80) + "`" + (s.reviewed() ? " (marked reviewed: it runs unanalysed)"
                                : "; mark it `-- catalog:reviewed <why>` once checked")));
            }
        });
        return findings;
    }

    /**
     * What a statement may destroy, from its operations alone (offline): a drop, TRUNCATE, DELETE, UPDATE, a type change.
     * Against a database the engine counts the rows instead.
     */
    public static List<Finding> destructive(List<AnalysedScript> scripts) {
        List<Finding> findings = new ArrayList<>();
        each(scripts, (script, s) -> {
            for (Operation op : s.operations()) {
                for (DataAtRisk risk : op.destroys()) {
                    if (risk instanceof DataAtRisk.Narrowing) {
                        findings.add(new Finding(script.name(), s.statement().line(), Severity.WARNING, Finding.DESTRUCTIVE, op.describe()
                                + ": loses the values it cannot hold if it narrows the type (judged against a database)"));
                    } else {
                        findings.add(destructive(script, s, "`" + s.statement().oneLine(60) + "` (" + op.describe() + ") destroys stored data"));
                    }
                }
            }
        });
        return findings;
    }

    /** The finding for a statement that destroys data: an error, a warning once reviewed. */
    public static Finding destructive(AnalysedScript script, AnalysedStatement s, String what) {
        return new Finding(script.name(), s.statement().line(), s.reviewed() ? Severity.WARNING : Severity.ERROR, Finding.DESTRUCTIVE,
                what + (s.reviewed() ? " (marked reviewed)" : "; `catalog db upgrade` refuses it without --allow-data-loss, "
                        + "which backs it up first; mark it `-- catalog:reviewed <why>` once that is meant"));
    }

    /** A placeholder that {@code catalog db migrate} wrote is still there: the upgrade refuses the script. */
    public static List<Finding> placeholders(List<AnalysedScript> scripts) {
        String mark = SchemaDiff.PLACEHOLDER_LINE.substring(0, "-- catalog:placeholder".length());
        List<Finding> findings = new ArrayList<>();
        each(scripts, (script, s) -> {
            if (s.statement().leadingComments().contains(mark)) {
                findings.add(new Finding(script.name(), s.statement().line(), Severity.ERROR, Finding.PLACEHOLDER, "`" + s.statement().oneLine(80)
                        + "` is a placeholder `catalog db migrate` wrote: write the real value, then delete the line `" + mark + " …`"));
            }
        });
        return findings;
    }

    /**
     * Expand/contract against the model this build serves, for deploys where the previous build still runs while the
     * migration does (and this build runs on the schema after it): a column or table the model declares must not be
     * dropped or renamed (this build reads it), and a column the scripts add must not end NOT NULL without a default
     * (the previous build, which does not know it, inserts rows without it).
     */
    public static List<Finding> expandContract(List<AnalysedScript> scripts, Schema model) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Set<String>> added = new HashMap<>();
        Set<String> createdTables = new HashSet<>();
        each(scripts, (script, s) -> {
            for (Operation op : s.operations()) {
                Optional<Table> declared = Optional.ofNullable(op.table()).flatMap(model::table);
                String contract = null;
                if (op instanceof Operation.DropTable && declared.isPresent()) {
                    contract = "drops table " + op.table() + ", which the model declares: this build reads it";
                } else if (op instanceof Operation.RenameTable r && declared.isPresent()) {
                    contract = "renames table " + r.table() + " to " + r.to() + ", but the model declares " + r.table() + ": this build reads it";
                } else if (op instanceof Operation.DropColumn d && declared.flatMap(t -> t.column(d.column())).isPresent()) {
                    contract = "drops column " + d.table() + "." + d.column() + ", which the model declares: this build reads and writes it";
                } else if (op instanceof Operation.RenameColumn r && declared.flatMap(t -> t.column(r.column())).isPresent()) {
                    contract = "renames column " + r.table() + "." + r.column() + " to " + r.to() + ", but the model declares " + r.column()
                            + ": this build reads and writes it";
                } else if (op instanceof Operation.ModifyColumn m && m.renames() && declared.flatMap(t -> t.column(m.column())).isPresent()) {
                    contract = "renames column " + m.table() + "." + m.column() + " to " + m.to().name() + ", but the model declares "
                            + m.column() + ": this build reads and writes it";
                }
                if (op instanceof Operation.CreateTable c) {
                    createdTables.add(c.table());
                }
                if (op instanceof Operation.AddColumn a && !createdTables.contains(a.table())) {
                    added.computeIfAbsent(a.table(), t -> new HashSet<>()).add(a.column().name());
                }
                furniture.catalog.migrations.schema.Column ends = op instanceof Operation.AddColumn a ? a.column()
                        : op instanceof Operation.ModifyColumn m && added.getOrDefault(m.table(), Set.of()).contains(m.column()) ? m.to() : null;
                if (ends != null && added.getOrDefault(op.table(), Set.of()).contains(ends.name()) && !ends.nullable()
                        && ends.defaultValue() == null && !ends.autoIncrement()) {
                    contract = (op instanceof Operation.AddColumn ? "adds " : "makes ") + op.table() + "." + ends.name()
                            + " NOT NULL without a default: a previous build still running does not write it, so its inserts fail; "
                            + "give it a default, or deploy this build before the migration that makes it required";
                }
                if (contract != null) {
                    findings.add(new Finding(script.name(), s.statement().line(), s.reviewed() ? Severity.WARNING : Severity.ERROR,
                            Finding.EXPAND_CONTRACT, contract + (s.reviewed() ? " (marked reviewed)" : "")));
                }
            }
        });
        return findings;
    }

    private interface Visit {
        void accept(AnalysedScript script, AnalysedStatement statement);
    }

    private static void each(List<AnalysedScript> scripts, Visit visit) {
        for (AnalysedScript script : scripts) {
            for (AnalysedStatement s : script.statements()) {
                visit.accept(script, s);
            }
        }
    }
}
