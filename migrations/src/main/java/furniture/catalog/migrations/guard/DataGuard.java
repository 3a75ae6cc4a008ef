package furniture.catalog.migrations.guard;

import furniture.catalog.migrations.operation.DataAtRisk;
import furniture.catalog.migrations.operation.Operation;
import furniture.catalog.migrations.operation.Requirement;
import furniture.catalog.migrations.parse.AnalysedScript;
import furniture.catalog.migrations.parse.AnalysedStatement;
import furniture.catalog.migrations.schema.Column;
import furniture.catalog.migrations.schema.Schema;
import furniture.catalog.migrations.schema.SchemaReader;
import furniture.catalog.migrations.schema.Table;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pending statements against today's rows, before any of them runs: the stored data each would destroy (counted,
 * and written to a backup exactly), and each that would fail on the rows already there (a duplicate under a new unique
 * key, a NULL under NOT NULL, an orphan under a foreign key, a value a narrower type cannot hold), with the first
 * offending keys.
 *
 * <p>The statements are followed in order, so that each is judged against the schema the ones before it leave: a table
 * or column a pending statement creates holds nothing of today's (no loss, no check), a rename is followed, and a
 * requirement on a table whose rows an earlier pending statement writes (an UPDATE that fills a new column before it
 * becomes NOT NULL, as {@code catalog db migrate} writes it) can only be judged when it runs: it is left to the server
 * and named in {@link Assessment#unchecked()}.
 */
public final class DataGuard {
    private final Connection connection;
    private final Schema live;

    public DataGuard(Connection connection) throws SQLException {
        this.connection = connection;
        this.live = SchemaReader.read(connection);
    }

    /** Stored data one statement would destroy, as counted now. */
    public record Loss(AnalysedScript script, AnalysedStatement statement, Operation operation, DataAtRisk risk, String table,
            String column, String where, String tail, Set<String> columns, long rows) {
        public Loss {
            columns = Set.copyOf(columns);
        }

        /** "table colors (3 rows)", "column colors.hex (1 row)", "2 rows of colors (DELETE … WHERE id_color > 0)". */
        public String describe() {
            String n = counted(rows);
            if (risk instanceof DataAtRisk.WholeTable w) {
                return w.how().equals("dropped") ? "table " + table + " (" + n + ")" : "every row of " + table + ", " + w.how() + " (" + n + ")";
            }
            if (risk instanceof DataAtRisk.ColumnValues c) {
                return (c.how().equals("dropped") ? "column " : "the values of column ") + table + "." + column + " (" + n + ")"
                        + (c.how().equals("dropped") ? "" : ", " + c.how());
            }
            if (risk instanceof DataAtRisk.Narrowing nw) {
                return n + " of " + table + "." + column + " that " + nw.type() + " cannot hold";
            }
            DataAtRisk.Rows r = (DataAtRisk.Rows) risk;
            return r.columns().isEmpty() ? n + " of " + table + " deleted" + (where == null ? "" : " (WHERE " + where + ")")
                    : "the " + String.join(", ", r.columns()) + " of " + n + " of " + table + (where == null ? "" : " (WHERE " + where + ")");
        }
    }

    /** A statement that would fail on today's rows. */
    public record Violation(AnalysedScript script, AnalysedStatement statement, Operation operation, Requirement requirement,
            long rows, List<String> keys) {
        public String describe() {
            return statement.statement().where() + " (" + operation.describe() + ") would fail on today's rows: " + problem();
        }

        /** What in today's rows makes it fail, and the first keys of those rows. */
        public String problem() {
            return what() + (keys.isEmpty() ? "" : "; first keys: " + String.join(", ", keys));
        }

        private String what() {
            if (requirement instanceof Requirement.Unique u) {
                return requirement.table() + " (" + String.join(", ", u.columns()) + ") holds duplicates (" + counted(rows) + ")";
            }
            if (requirement instanceof Requirement.NotNull n) {
                return requirement.table() + "." + n.column() + " is NULL in " + counted(rows);
            }
            if (requirement instanceof Requirement.References r) {
                return counted(rows) + " of " + requirement.table() + " reference no row of " + r.referencedTable();
            }
            Requirement.Fits f = (Requirement.Fits) requirement;
            return counted(rows) + " of " + requirement.table() + "." + f.column() + " hold values " + f.type() + " cannot hold";
        }
    }

    /**
     * What the pending statements do to today's data.
     *
     * @param losses the stored data they destroy, in order
     * @param violations the statements that would fail on today's rows, in order
     * @param unchecked the requirements that only the run can judge (an earlier pending statement writes their rows)
     * @param touched for each UPDATE and DELETE that can be counted, how many rows it touches now
     */
    public record Assessment(List<Loss> losses, List<Violation> violations, List<Unchecked> unchecked, List<String> touched) {}

    /** A requirement only the run can judge: an earlier pending statement writes the rows it is about. */
    public record Unchecked(AnalysedScript script, AnalysedStatement statement, Operation operation) {
        public String describe() {
            return statement.statement().where() + " (" + operation.describe() + "): checked by the server when it runs, since an earlier "
                    + "pending statement writes " + operation.table();
        }
    }

    /** The scripts' statements, in order, against today's rows. */
    public Assessment assess(List<AnalysedScript> scripts) throws SQLException {
        Names names = new Names();
        List<Loss> losses = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        List<Unchecked> unchecked = new ArrayList<>();
        List<String> touched = new ArrayList<>();
        for (AnalysedScript script : scripts) {
            for (AnalysedStatement statement : script.statements()) {
                for (Operation op : statement.operations()) {
                    for (Requirement need : op.needs()) {
                        Optional<String> table = names.liveTable(need.table());
                        if (table.isEmpty() || !names.checkable(need.table(), columnsOf(need))) {
                            if (table.isPresent() || names.written(need.table())) {
                                unchecked.add(new Unchecked(script, statement, op));
                            }
                            continue;
                        }
                        check(script, statement, op, need, table.get(), names).ifPresent(violations::add);
                    }
                    for (DataAtRisk risk : op.destroys()) {
                        loss(script, statement, op, risk, names).ifPresent(loss -> {
                            losses.add(loss);
                            if (risk instanceof DataAtRisk.Rows) {
                                touched.add(statement.statement().where() + ": " + op.describe() + " touches " + counted(loss.rows()));
                            }
                        });
                    }
                    names.follow(op);
                }
            }
        }
        return new Assessment(losses, violations, unchecked, touched);
    }

    private static List<String> columnsOf(Requirement need) {
        if (need instanceof Requirement.Unique u) {
            return u.columns();
        }
        if (need instanceof Requirement.NotNull n) {
            return List.of(n.column());
        }
        if (need instanceof Requirement.References r) {
            return r.columns();
        }
        return List.of(((Requirement.Fits) need).column());
    }

    private Optional<Loss> loss(AnalysedScript script, AnalysedStatement statement, Operation op, DataAtRisk risk, Names names)
            throws SQLException {
        Optional<String> table = names.liveTable(risk.table());
        if (table.isEmpty()) {
            return Optional.empty(); // created by a pending statement, or not there at all (the statement then fails, losing nothing)
        }
        String t = table.get();
        if (risk instanceof DataAtRisk.WholeTable) {
            long n = count("SELECT COUNT(*) FROM " + quote(t));
            return n == 0 ? Optional.empty() : Optional.of(new Loss(script, statement, op, risk, t, null, null, null, Set.of(), n));
        }
        if (risk instanceof DataAtRisk.ColumnValues c) {
            Optional<String> column = names.liveColumn(risk.table(), c.column());
            if (column.isEmpty()) {
                return Optional.empty();
            }
            String where = quote(column.get()) + " IS NOT NULL";
            long n = count("SELECT COUNT(*) FROM " + quote(t) + " WHERE " + where);
            return n == 0 ? Optional.empty() : Optional.of(new Loss(script, statement, op, risk, t, column.get(), where, null,
                    Set.of(column.get()), n));
        }
        if (risk instanceof DataAtRisk.Narrowing nw) {
            Optional<String> column = names.liveColumn(risk.table(), nw.column());
            Optional<Column> now = column.flatMap(c -> liveColumn(t, c));
            if (now.isEmpty() || now.get().type() != null && nw.type().holds(now.get().type())) {
                return Optional.empty();
            }
            String where = quote(column.get()) + " IS NOT NULL" + Fit.doesNotFit(quote(column.get()), nw.type()).map(f -> " AND " + f).orElse("");
            long n = count("SELECT COUNT(*) FROM " + quote(t) + " WHERE " + where);
            return n == 0 ? Optional.empty() : Optional.of(new Loss(script, statement, op, risk, t, column.get(), where, null,
                    Set.of(column.get()), n));
        }
        DataAtRisk.Rows rows = (DataAtRisk.Rows) risk;
        Set<String> columns = new LinkedHashSet<>();
        for (String c : rows.columns()) {
            if (names.added(risk.table(), c)) {
                continue; // a column the pending set adds holds nothing of today's
            }
            names.liveColumn(risk.table(), c).ifPresent(columns::add);
        }
        if (!rows.columns().isEmpty() && columns.isEmpty()) {
            return Optional.empty();
        }
        long n;
        try {
            n = count("SELECT COUNT(*) FROM (SELECT 1 FROM " + quote(t) + (rows.where() == null ? "" : " WHERE " + rows.where())
                    + (rows.tail().isEmpty() ? "" : " " + rows.tail()) + ") selected");
        } catch (SQLException e) {
            // The WHERE names what exists only once earlier pending statements ran: every row may be touched.
            n = count("SELECT COUNT(*) FROM " + quote(t));
            return n == 0 ? Optional.empty() : Optional.of(new Loss(script, statement, op, risk, t, null, null, null, columns, n));
        }
        return n == 0 ? Optional.empty() : Optional.of(new Loss(script, statement, op, risk, t, null, rows.where(), rows.tail(), columns, n));
    }

    private Optional<Violation> check(AnalysedScript script, AnalysedStatement statement, Operation op, Requirement need, String table,
            Names names) throws SQLException {
        List<String> keys = primaryKey(table);
        String keyList = keys.isEmpty() ? "'?'" : "CONCAT_WS(', ', " + keys.stream().map(DataGuard::quote).collect(Collectors.joining(", ")) + ")";
        String t = quote(table);
        String where;
        if (need instanceof Requirement.Unique u) {
            List<String> cols = new ArrayList<>();
            for (String c : u.columns()) {
                cols.add(quote(names.liveColumn(need.table(), c).orElse(c)));
            }
            String group = String.join(", ", cols);
            String sql = "SELECT GROUP_CONCAT(" + keyList + " ORDER BY " + keyList + " SEPARATOR ' and '), COUNT(*) FROM " + t + " WHERE "
                    + cols.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" AND ")) + " GROUP BY " + group
                    + " HAVING COUNT(*) > 1 ORDER BY MIN(" + keyList + ")";
            List<String> first = new ArrayList<>();
            long rows = 0;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rows += rs.getLong(2);
                    if (first.size() < 3) {
                        first.add(keyName(keys) + " " + rs.getString(1));
                    }
                }
            }
            return rows == 0 ? Optional.empty() : Optional.of(new Violation(script, statement, op, need, rows, first));
        } else if (need instanceof Requirement.NotNull n) {
            where = quote(names.liveColumn(need.table(), n.column()).orElse(n.column())) + " IS NULL";
        } else if (need instanceof Requirement.References r) {
            Optional<String> referenced = names.liveTable(r.referencedTable());
            if (referenced.isEmpty()) {
                where = String.join(" OR ", r.columns().stream().map(c -> quote(c) + " IS NOT NULL").toList());
            } else {
                StringBuilder on = new StringBuilder();
                for (int i = 0; i < r.columns().size(); i++) {
                    on.append(i > 0 ? " AND " : "").append("p.").append(quote(r.referencedColumns().get(i))).append(" = ").append(t)
                            .append('.').append(quote(r.columns().get(i)));
                }
                where = r.columns().stream().map(c -> t + "." + quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "))
                        + " AND NOT EXISTS (SELECT 1 FROM " + quote(referenced.get()) + " p WHERE " + on + ")";
            }
        } else {
            Requirement.Fits f = (Requirement.Fits) need;
            Optional<String> column = names.liveColumn(need.table(), f.column());
            Optional<Column> now = column.flatMap(c -> liveColumn(table, c));
            if (now.isEmpty() || now.get().type() != null && f.type().holds(now.get().type())) {
                return Optional.empty();
            }
            Optional<String> doesNotFit = Fit.doesNotFit(quote(column.get()), f.type());
            if (doesNotFit.isEmpty()) {
                return Optional.empty(); // no rule tells which values fit: the guard counts them all as at risk instead
            }
            where = quote(column.get()) + " IS NOT NULL AND " + doesNotFit.get();
        }
        long rows = count("SELECT COUNT(*) FROM " + t + " WHERE " + where);
        if (rows == 0) {
            return Optional.empty();
        }
        List<String> first = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT " + keyList + " FROM " + t + " WHERE "
                + where + " ORDER BY " + keyList + " LIMIT 3")) {
            while (rs.next()) {
                first.add(keyName(keys) + " " + rs.getString(1));
            }
        }
        return Optional.of(new Violation(script, statement, op, need, rows, first));
    }

    /** Writes exactly what {@code loss} destroys, so that it restores; returns how many rows it wrote. */
    public long backup(Loss loss, Writer out) throws SQLException, IOException {
        String note = loss.statement().statement().where() + " (" + loss.operation().describe() + ")";
        if (loss.risk() instanceof DataAtRisk.WholeTable) {
            return RowDump.write(connection, loss.table(), null, null, Set.of(), "rows of table `" + loss.table() + "`, before " + note, out);
        }
        if (loss.risk() instanceof DataAtRisk.Rows r && r.columns().isEmpty()) {
            // Written back whole into a row with the same key, should one be there again: two deletes of one row restore.
            return RowDump.write(connection, loss.table(), loss.where(), loss.tail(), Set.of(RowDump.EVERY_COLUMN), "rows of `" + loss.table()
                    + "` deleted by " + note, out);
        }
        return RowDump.write(connection, loss.table(), loss.where(), loss.tail(), loss.columns(), "values of "
                + loss.columns().stream().map(c -> "`" + loss.table() + "`.`" + c + "`").collect(Collectors.joining(", "))
                + ", written back into their rows, before " + note, out);
    }

    private Optional<Column> liveColumn(String table, String column) {
        return live.table(table).flatMap(t -> t.column(column));
    }

    private List<String> primaryKey(String table) {
        return live.table(table).map(Table::primaryKey).orElse(List.of());
    }

    private static String keyName(List<String> keys) {
        return keys.isEmpty() ? "row" : String.join(", ", keys);
    }

    private long count(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String counted(long n) {
        return String.format(Locale.ROOT, "%,d", n) + (n == 1 ? " row" : " rows");
    }

    /**
     * The names along the pending statements: what each table and column named by a later statement is in the live
     * schema (renames followed), which the pending set creates, and which tables' rows it writes.
     */
    private final class Names {
        private final Map<String, String> tables = new HashMap<>();
        private final Set<String> created = new HashSet<>();
        /** Live names no longer there: dropped, or renamed away. */
        private final Set<String> gone = new HashSet<>();
        private final Set<String> written = new HashSet<>();
        private final Map<String, Map<String, String>> renamedColumns = new HashMap<>();
        private final Set<String> addedColumns = new HashSet<>();
        private boolean everythingWritten;

        Optional<String> liveTable(String name) {
            if (name == null || created.contains(name)) {
                return Optional.empty();
            }
            if (tables.containsKey(name)) {
                return Optional.of(tables.get(name));
            }
            return gone.contains(name) || live.table(name).isEmpty() ? Optional.empty() : Optional.of(name);
        }

        Optional<String> liveColumn(String table, String column) {
            if (added(table, column)) {
                return Optional.empty();
            }
            String c = renamedColumns.getOrDefault(table, Map.of()).getOrDefault(column, column);
            return liveTable(table).flatMap(t -> DataGuard.this.liveColumn(t, c)).map(Column::name);
        }

        boolean added(String table, String column) {
            return addedColumns.contains(table + "." + column);
        }

        boolean written(String table) {
            return everythingWritten || written.contains(table);
        }

        /** Whether today's rows are still what the requirement meets: no earlier pending statement wrote them or made the columns. */
        boolean checkable(String table, List<String> columns) {
            return !written(table) && columns.stream().noneMatch(c -> added(table, c));
        }

        void follow(Operation op) {
            if (op instanceof Operation.CreateTable c) {
                created.add(c.table());
            } else if (op instanceof Operation.DropTable d) {
                created.remove(d.table());
                tables.remove(d.table());
                gone.add(d.table());
            } else if (op instanceof Operation.RenameTable r) {
                if (created.remove(r.table())) {
                    created.add(r.to());
                } else {
                    liveTable(r.table()).ifPresent(liveName -> tables.put(r.to(), liveName));
                    tables.remove(r.table());
                    gone.add(r.table());
                    gone.remove(r.to());
                }
                Map<String, String> columns = renamedColumns.remove(r.table());
                if (columns != null) {
                    renamedColumns.put(r.to(), columns);
                }
            } else if (op instanceof Operation.AddColumn a) {
                addedColumns.add(a.table() + "." + a.column().name());
            } else if (op instanceof Operation.RenameColumn r) {
                rename(r.table(), r.column(), r.to());
            } else if (op instanceof Operation.ModifyColumn m && m.renames()) {
                rename(m.table(), m.column(), m.to().name());
            } else if (op instanceof Operation.Insert || op instanceof Operation.Update || op instanceof Operation.Delete
                    || op instanceof Operation.Truncate) {
                written.add(op.table());
            } else if (op instanceof Operation.Opaque) {
                everythingWritten = true;
            }
        }

        private void rename(String table, String from, String to) {
            if (addedColumns.remove(table + "." + from)) {
                addedColumns.add(table + "." + to);
                return;
            }
            Map<String, String> columns = renamedColumns.computeIfAbsent(table, t -> new HashMap<>());
            columns.put(to, columns.getOrDefault(from, from));
            columns.remove(from);
        }
    }
}
