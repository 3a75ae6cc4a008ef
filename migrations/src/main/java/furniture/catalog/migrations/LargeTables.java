package furniture.catalog.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the pending ALTERs would do to big tables, found before any of them runs.
 *
 * <p>The original's guide warns that an ALTER on a big table can lock it. Whether it does depends on the server's
 * online DDL: MariaDB does an ALTER INSTANT (metadata only), NOCOPY, INPLACE (rebuilt in place, writes go on) or COPY
 * (a new table filled row by row while writes wait); MySQL 8 knows INSTANT, INPLACE and COPY. The server picks the
 * cheapest by itself, but only says which by doing it. So, for each table holding at least the threshold's rows, this
 * makes an empty copy of it ({@code CREATE TABLE … LIKE}), runs the pending statements on the copy with each
 * ALGORITHM from the cheapest up and LOCK=NONE, then SHARED, then EXCLUSIVE, and keeps the first the server accepts:
 * what the server supports depends on the table's definition, not on its rows. The copy follows the statements in
 * order, so a second ALTER of the same table is judged against the shape the first one leaves.
 *
 * <p>Statements on tables below the threshold, or on tables the pending scripts create, are not probed: they are
 * quick whatever the algorithm.
 */
final class LargeTables {
    static final long DEFAULT_THRESHOLD = 100_000;

    private static final Pattern ALTER = Pattern.compile("(?is)^\\s*ALTER\\s+(?:ONLINE\\s+)?(?:IGNORE\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?"
            + "(`[^`]+`|[\\w$]+)(.*)$");
    private static final Pattern CREATE_INDEX = Pattern.compile("(?is)^\\s*CREATE\\s+(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(`[^`]+`|[\\w$]+)\\s+ON\\s+(`[^`]+`|[\\w$]+)(.*)$");
    private static final Pattern DROP_INDEX = Pattern.compile("(?is)^\\s*DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?(`[^`]+`|[\\w$]+)\\s+ON\\s+"
            + "(`[^`]+`|[\\w$]+)(.*)$");
    private static final Pattern GIVEN_ALGORITHM = Pattern.compile("(?i)\\bALGORITHM\\s*=?\\s*(\\w+)");
    private static final Pattern GIVEN_LOCK = Pattern.compile("(?i)\\bLOCK\\s*=?\\s*(\\w+)");
    private static final List<String> LOCKS = List.of("NONE", "SHARED", "EXCLUSIVE");

    /** One pending statement on a big table: what the server would do, found on an empty copy. */
    record Alter(furniture.catalog.migrations.parse.ScriptStatement statement, String table, long rows, String algorithm, String lock,
            String probeError) {

        /** A copy, or a lock that stops writes: what the threshold guards against. */
        boolean blocksWrites() {
            return "COPY".equals(algorithm) || !"NONE".equals(lock);
        }

        /** What the algorithm costs the service, in words. */
        String consequence() {
            return "NONE".equals(lock) ? "so the server copies the whole table (writes go on meanwhile, but the copy costs time, "
                    + "disk and I/O as the table grows)" : "so writes to that table wait until it is done";
        }

        String describe() {
            String how = probeError != null ? "an algorithm the server would not reveal on an empty copy (" + probeError
                    + "), taken as ALGORITHM=COPY" : "ALGORITHM=" + algorithm + ", LOCK=" + lock;
            return statement.script() + ": `" + statement.oneLine(120) + "` on " + table + " (" + MigrationContext.rows(rows) + ") runs with " + how;
        }
    }

    private final Connection connection;
    private final long threshold;
    private final boolean mariaDb;

    LargeTables(Connection connection, long threshold) throws SQLException {
        this.connection = connection;
        this.threshold = threshold;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            this.mariaDb = rs.getString(1).toLowerCase(Locale.ROOT).contains("mariadb");
        }
    }

    /** The algorithms this server knows, cheapest first. */
    List<String> algorithms() {
        return mariaDb ? List.of("INSTANT", "NOCOPY", "INPLACE", "COPY") : List.of("INSTANT", "INPLACE", "COPY");
    }

    boolean mariaDb() {
        return mariaDb;
    }

    /**
     * Every pending statement that alters a table of at least the threshold's rows, with what it would do. Which
     * statements those are comes from their operations (a schema change of one table that exists now); the probe runs
     * the statement's own text, aimed at the empty copy.
     */
    List<Alter> plan(List<furniture.catalog.migrations.parse.AnalysedScript> pending) throws SQLException {
        List<Alter> plan = new ArrayList<>();
        Map<String, Long> rows = new HashMap<>();
        Map<String, String> probes = new HashMap<>();
        try {
            java.util.Set<String> created = new java.util.HashSet<>();
            for (furniture.catalog.migrations.parse.AnalysedScript script : pending) {
                for (furniture.catalog.migrations.parse.AnalysedStatement analysed : script.statements()) {
                    analysed.operations().stream().filter(furniture.catalog.migrations.operation.Operation.CreateTable.class::isInstance)
                            .forEach(op -> created.add(op.table()));
                    Optional<Target> target = target(analysed);
                    if (target.isPresent() && created.contains(target.get().table())) {
                        continue; // made by a pending script: empty when its ALTERs run
                    }
                    if (target.isEmpty()) {
                        continue;
                    }
                    String table = target.get().table();
                    long count = rows.computeIfAbsent(table, this::rowsOrZero);
                    if (count < threshold) {
                        continue;
                    }
                    String probe = probes.get(table);
                    if (probe == null) {
                        probe = createProbe(table);
                        probes.put(table, probe);
                    }
                    plan.add(probeOn(analysed.statement(), target.get(), probe, count));
                }
            }
        } finally {
            for (String probe : probes.values()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS `" + probe + "`");
                }
            }
        }
        return plan;
    }

    private Alter probeOn(furniture.catalog.migrations.parse.ScriptStatement statement, Target target, String probe, long rows) {
        Matcher givenAlgorithm = GIVEN_ALGORITHM.matcher(target.rest());
        Matcher givenLock = GIVEN_LOCK.matcher(target.rest());
        String onProbe = target.onTable(probe);
        if (givenAlgorithm.find()) {
            // The script says how: the server does that or fails. Run it on the copy to keep the copy's shape.
            String algorithm = givenAlgorithm.group(1).toUpperCase(Locale.ROOT);
            String lock = givenLock.find() ? givenLock.group(1).toUpperCase(Locale.ROOT) : "NONE";
            String error = tryOn(onProbe).orElse(null);
            return new Alter(statement, target.table(), rows, "DEFAULT".equals(algorithm) ? "COPY" : algorithm, lock, error);
        }
        String lastError = null;
        for (String algorithm : algorithms()) {
            for (String lock : LOCKS) {
                Optional<String> error = tryOn(target.withClauses(onProbe, algorithm, lock));
                if (error.isEmpty()) {
                    return new Alter(statement, target.table(), rows, algorithm, lock, null);
                }
                lastError = error.get();
            }
        }
        return new Alter(statement, target.table(), rows, "COPY", "EXCLUSIVE", lastError);
    }

    /** Runs {@code sql}; empty when it succeeded, else the server's message. */
    private Optional<String> tryOn(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private String createProbe(String table) throws SQLException {
        String probe = ("catalog_probe_" + table).substring(0, Math.min(64, ("catalog_probe_" + table).length()));
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS `" + probe + "`");
            s.execute("CREATE TABLE `" + probe + "` LIKE `" + table + "`");
        }
        return probe;
    }

    /**
     * The table's rows, exactly up to the threshold: InnoDB's estimate in information_schema can be far off, or not yet
     * updated after a bulk load (MariaDB 11.4 reports 0 for seconds after a million rows went in), so the small side is
     * counted, at a cost bounded by the threshold; a large table is then counted whole, for the message.
     */
    private long rowsOrZero(String table) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) == 0) {
                    return 0; // created by a pending script: empty when its ALTERs run
                }
            }
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM `" + table + "` LIMIT " + threshold + ") bounded")) {
                rs.next();
                if (rs.getLong(1) < threshold) {
                    return rs.getLong(1);
                }
            }
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw MigrationException.failure("cannot count the rows of " + table + ": " + e.getMessage(), e);
        }
    }

    /** The table a statement alters, and how to aim the statement at another table with other clauses. */
    record Target(String kind, String table, String index, String rest, String head) {
        String onTable(String other) {
            return switch (kind) {
                case "alter" -> "ALTER TABLE `" + other + "`" + rest;
                case "create" -> head + "INDEX " + index + " ON `" + other + "`" + rest;
                default -> "DROP INDEX " + index + " ON `" + other + "`" + rest;
            };
        }

        String withClauses(String sql, String algorithm, String lock) {
            return "alter".equals(kind) ? sql + ", ALGORITHM=" + algorithm + ", LOCK=" + lock
                    : sql + " ALGORITHM=" + algorithm + " LOCK=" + lock;
        }
    }

    /**
     * The table a statement changes the schema of, when it is one ALTER TABLE, CREATE INDEX or DROP INDEX whose
     * operations all change that one table, and how to aim its text (after the comments before it) at another table.
     */
    static Optional<Target> target(furniture.catalog.migrations.parse.AnalysedStatement analysed) {
        List<furniture.catalog.migrations.operation.Operation> ops = analysed.operations();
        if (ops.isEmpty() || ops.stream().anyMatch(op -> op.table() == null || !op.table().equals(ops.get(0).table())
                || op instanceof furniture.catalog.migrations.operation.Operation.DropTable
                || op instanceof furniture.catalog.migrations.operation.Operation.CreateTable
                || op instanceof furniture.catalog.migrations.operation.Operation.RenameTable)) {
            return Optional.empty();
        }
        String statement = furniture.catalog.migrations.parse.ScriptStatement.withoutLeadingComments(analysed.statement().sql());
        String table = ops.get(0).table();
        Matcher m = ALTER.matcher(statement);
        if (m.matches()) {
            return Optional.of(new Target("alter", table, null, m.group(2), null));
        }
        m = CREATE_INDEX.matcher(statement);
        if (m.matches()) {
            String head = statement.strip().substring(0, statement.strip().toUpperCase(Locale.ROOT).indexOf("INDEX"));
            return Optional.of(new Target("create", table, m.group(1), m.group(3), head));
        }
        m = DROP_INDEX.matcher(statement);
        if (m.matches()) {
            return Optional.of(new Target("drop", table, m.group(1), m.group(3), null));
        }
        return Optional.empty();
    }

}
