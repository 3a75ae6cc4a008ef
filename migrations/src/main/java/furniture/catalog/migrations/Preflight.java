package furniture.catalog.migrations;

import furniture.catalog.migrations.guard.DataGuard;
import furniture.catalog.migrations.history.SchemaHistory;
import furniture.catalog.migrations.operation.DataAtRisk;
import furniture.catalog.migrations.operation.Requirement;
import furniture.catalog.migrations.parse.AnalysedScript;
import furniture.catalog.migrations.parse.AnalysedStatement;
import furniture.catalog.migrations.parse.ScriptAnalyser;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an upgrade and a downgrade do before their first statement runs, on the statements that will run: read the
 * pending scripts into operations, refuse a statement nothing is known of (unless the script marks it reviewed),
 * refuse a statement that today's rows would make fail, and refuse data loss unless it is allowed (then say what goes
 * to the backup). Nothing here changes the database.
 */
final class Preflight {
    private final MigrationContext ctx;
    private final String command;
    private final List<AnalysedScript> scripts;
    private final DataGuard.Assessment assessment;
    private final DataGuard guard;

    private Preflight(MigrationContext ctx, String command, List<AnalysedScript> scripts, DataGuard guard, DataGuard.Assessment assessment) {
        this.ctx = ctx;
        this.command = command;
        this.scripts = scripts;
        this.guard = guard;
        this.assessment = assessment;
    }

    /**
     * The scripts of {@code migrations} ({@code downgrade}: their D scripts), in the order they run, read and judged
     * against today's rows on {@code c}.
     */
    static Preflight of(MigrationContext ctx, Connection c, String command, List<Migration> migrations, boolean downgrade) throws SQLException {
        return of(ctx, c, command, migrations, downgrade, true);
    }

    /** As above; {@code refuseOpaque} false for {@code --sql}, which prints and marks rather than refuses. */
    static Preflight of(MigrationContext ctx, Connection c, String command, List<Migration> migrations, boolean downgrade,
            boolean refuseOpaque) throws SQLException {
        MigrationSet set = ctx.migrations();
        ScriptAnalyser analyser = ctx.analyser(c);
        List<AnalysedScript> scripts = new ArrayList<>();
        for (Migration m : migrations) {
            String file = downgrade ? m.downgradeScript() : m.script();
            scripts.add(new AnalysedScript(file, (downgrade ? "the downgrade of " : "the upgrade of ") + m.label(),
                    analyser.analyse(file, set.source().read(file))));
        }
        if (refuseOpaque) {
            refuseOpaque(command, scripts);
        }
        DataGuard guard = new DataGuard(c);
        return new Preflight(ctx, command, scripts, guard, guard.assess(scripts));
    }

    List<AnalysedScript> scripts() {
        return scripts;
    }

    AnalysedScript script(String file) {
        return scripts.stream().filter(s -> s.name().equals(file)).findFirst().orElseThrow();
    }

    DataGuard guard() {
        return guard;
    }

    /** A statement nothing is known of, that nobody marked reviewed, stops the command: one line, file and line. */
    static void refuseOpaque(String command, List<AnalysedScript> scripts) {
        for (AnalysedScript script : scripts) {
            for (AnalysedStatement s : script.statements()) {
                if (s.unreviewedOpaque()) {
                    throw MigrationException.failure("refusing to " + command + ": " + s.statement().script() + " line " + s.problemLine()
                            + ": " + s.opaque().get(0).describe() + " in `" + s.statement().oneLine(80) + "`; nothing ran. Once you have "
                            + "checked what it does, mark it with a line `" + AnalysedStatement.REVIEWED_MARKER + " <why>` before it");
                }
            }
        }
    }

    /**
     * Refuses when a statement would fail on today's rows (a narrowing is a loss instead when {@code allowDataLoss}),
     * naming the first offending keys; then, without {@code allowDataLoss}, when data would be destroyed.
     */
    void refuse(String target, boolean allowDataLoss) {
        for (DataGuard.Violation v : assessment.violations()) {
            if (allowDataLoss && v.requirement() instanceof Requirement.Fits) {
                continue; // backed up as a loss, and run with strict mode off for that statement
            }
            throw MigrationException.failure("refusing to " + command + ": " + v.describe() + "; nothing ran"
                    + (v.requirement() instanceof Requirement.Fits ? " (--allow-data-loss backs those values up and lets the server cut them)" : ""));
        }
        if (!assessment.losses().isEmpty() && !allowDataLoss) {
            List<DataGuard.Loss> losses = losses();
            boolean drops = losses.stream().allMatch(l -> l.risk() instanceof DataAtRisk.WholeTable w && w.how().equals("dropped")
                    || l.risk() instanceof DataAtRisk.ColumnValues c && c.how().equals("dropped"));
            throw MigrationException.failure(command + " to " + target + " would " + (drops ? "drop " : "destroy ")
                    + losses.stream().map(l -> drops ? l.describe() : l.statement().statement().where() + ": " + l.describe())
                            .collect(Collectors.joining(", "))
                    + "; rerun with --allow-data-loss to write " + (drops ? "those rows" : "them") + " to a backup file first");
        }
    }

    /** The notes for the user: what each UPDATE and DELETE touches, what only the run can check. */
    List<String> notes() {
        List<String> notes = new ArrayList<>(assessment.touched());
        assessment.unchecked().forEach(u -> notes.add(u.describe()));
        return notes;
    }

    /**
     * The losses to back up, each table's once: a table that is destroyed whole is saved whole, at the first loss of its
     * data; only then the losses of tables nothing drops whole, each as it is.
     */
    List<DataGuard.Loss> losses() {
        Set<String> whole = assessment.losses().stream().filter(l -> l.risk() instanceof DataAtRisk.WholeTable).map(DataGuard.Loss::table)
                .collect(Collectors.toSet());
        List<DataGuard.Loss> kept = new ArrayList<>();
        Set<String> savedWhole = new HashSet<>();
        for (DataGuard.Loss loss : assessment.losses()) {
            if (whole.contains(loss.table())) {
                if (savedWhole.add(loss.table())) {
                    kept.add(new DataGuard.Loss(loss.script(), loss.statement(), loss.operation(), new DataAtRisk.WholeTable(loss.table(),
                            loss.risk() instanceof DataAtRisk.WholeTable w ? w.how() : "dropped"), loss.table(), null, null, null, Set.of(),
                            loss.rows()));
                }
            } else {
                kept.add(loss);
            }
        }
        return kept;
    }

    /** The losses by the script whose statements cause them, in order. */
    Map<String, List<DataGuard.Loss>> lossesByScript() {
        Map<String, List<DataGuard.Loss>> by = new LinkedHashMap<>();
        for (DataGuard.Loss loss : losses()) {
            by.computeIfAbsent(loss.script().name(), s -> new ArrayList<>()).add(loss);
        }
        return by;
    }

    /** Writes {@code losses}, the part of one script, to the backup file (forced to disk before it returns). */
    void backUp(BackupFile backup, String label, List<DataGuard.Loss> losses) {
        backup.append(out -> {
            out.write("-- before " + label + "\n");
            for (DataGuard.Loss loss : losses) {
                guard.backup(loss, out);
            }
        });
    }

    /**
     * The tables that exist now and that the script's statements name: what a downgrade write-locks from its backup to
     * its last statement (under LOCK TABLES a statement may only touch the tables locked).
     */
    static Set<String> tablesTouched(Connection c, AnalysedScript script) throws SQLException {
        SchemaHistory schema = new SchemaHistory(c);
        Set<String> tables = new java.util.LinkedHashSet<>();
        for (AnalysedStatement s : script.statements()) {
            for (furniture.catalog.migrations.operation.Operation op : s.operations()) {
                if (op.table() != null && schema.tableExists(op.table())) {
                    tables.add(op.table());
                }
            }
        }
        return tables;
    }

    /** The losses of the statement, for the run's settings (a narrowing that is allowed runs with strict mode off). */
    boolean narrowsAllowed(AnalysedStatement statement) {
        return assessment.losses().stream().anyMatch(l -> l.statement().equals(statement) && l.risk() instanceof DataAtRisk.Narrowing);
    }

    void notice() {
        notes().forEach(ctx::notice);
    }
}
