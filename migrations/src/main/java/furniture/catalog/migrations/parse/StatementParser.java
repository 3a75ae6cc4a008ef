package furniture.catalog.migrations.parse;

import furniture.catalog.migrations.operation.Operation;
import furniture.catalog.migrations.schema.Column;
import furniture.catalog.migrations.schema.ForeignKey;
import furniture.catalog.migrations.schema.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.table.NamedConstraint;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * One statement, as the server reads it, into {@link Operation}s: JSqlParser 5.4 in its MariaDB dialect (which reads
 * {@code #} comments, {@code \'} escapes and double-quoted strings as MariaDB does; its default dialect silently loses
 * an ALTER clause after a {@code #} comment). JSqlParser is the maintained Java SQL parser with MySQL/MariaDB DDL; it has
 * no dependencies. It never splits here (its own splitting swallows the statements after a stored function): Flyway's
 * parser does, see {@link ScriptSplitter}.
 *
 * <p>Its known gaps are closed on a copy given to the parser only, never on what runs: {@code DROP FOREIGN KEY name}
 * (which it rejects) is read as {@code DROP CONSTRAINT name} and remembered as a foreign key; {@code ALTER ONLINE TABLE}
 * as {@code ALTER TABLE}; {@code IF [NOT] EXISTS} after {@code ADD/DROP INDEX|KEY} and {@code CHANGE [COLUMN]} is
 * left out. What it still cannot read, or reads only as raw text ({@code UnsupportedStatement}, an ALTER clause it
 * keeps as UNSPECIFIC, {@code ALTER IGNORE}, which deletes the rows a new unique key rejects, a {@code CALL}, a
 * multi-table DELETE or UPDATE, {@code --} without a space after it) becomes {@link Operation.Opaque} with the
 * reason.
 */
public final class StatementParser {
    private static final ExecutorService PARSER_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "catalog-sql-parser");
        t.setDaemon(true);
        return t;
    });
    private static final Pattern DROP_FOREIGN_KEY = Pattern.compile("(?i)\\bDROP\\s+FOREIGN\\s+KEY\\s+(?:IF\\s+EXISTS\\s+)?(`(?:[^`]|``)+`|[\\w$]+)");
    private static final Pattern ALTER_ONLINE = Pattern.compile("(?i)^(\\s*ALTER\\s+)ONLINE\\s+(TABLE\\b)");
    private static final Pattern ALTER_IGNORE = Pattern.compile("(?i)^\\s*ALTER\\s+(?:ONLINE\\s+)?IGNORE\\s+TABLE\\b");
    private static final Pattern INDEX_IF_EXISTS = Pattern.compile("(?i)\\b((?:ADD|DROP)\\s+(?:UNIQUE\\s+)?(?:INDEX|KEY)\\s+)IF\\s+(?:NOT\\s+)?EXISTS\\s+");
    private static final Pattern CHANGE_IF_EXISTS = Pattern.compile("(?i)\\b((?:CHANGE|MODIFY)\\s+(?:COLUMN\\s+)?)IF\\s+EXISTS\\s+");
    /** A bare name after DROP [COLUMN|INDEX|KEY]: backquoted for the parser, which takes some names (name, comment) for keywords. */
    private static final Pattern DROPPED_NAME = Pattern.compile("(?i)\\b(DROP\\s+(?:(?:COLUMN|INDEX|KEY)\\s+)?(?:IF\\s+EXISTS\\s+)?)"
            + "(?!(?:COLUMN|INDEX|KEY|PRIMARY|FOREIGN|CONSTRAINT|CHECK|PARTITION|UNIQUE|IF|DEFAULT|TABLE|VIEW|PROCEDURE|FUNCTION|TRIGGER|EVENT"
            + "|DATABASE|SCHEMA|USER|ROLE|SEQUENCE|TEMPORARY|SERVER)\\b)([A-Za-z_$][\\w$]*)");
    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*(\\w+)");

    private StatementParser() {}

    /** Where the parser stopped: the line and column in the statement's text, and the token it did not expect. */
    public record Failure(int line, int column, String token) {}

    /** The operations, or the failure when the parser rejects the statement (then one opaque operation says so). */
    public record Parsed(List<Operation> operations, Failure failure) {}

    /** {@code sql} as the server reads it (executable comments resolved) into operations. */
    public static Parsed parse(String sql) {
        if (ALTER_IGNORE.matcher(sql).find()) {
            return opaque("ALTER IGNORE TABLE deletes the rows that a new unique key would reject");
        }
        Set<String> foreignKeys = new HashSet<>();
        Matcher fk = DROP_FOREIGN_KEY.matcher(sql);
        StringBuilder copy = new StringBuilder();
        while (fk.find()) {
            foreignKeys.add(unquote(fk.group(1)));
            fk.appendReplacement(copy, Matcher.quoteReplacement("DROP CONSTRAINT " + fk.group(1)));
        }
        fk.appendTail(copy);
        String forParser = CHANGE_IF_EXISTS.matcher(INDEX_IF_EXISTS.matcher(ALTER_ONLINE.matcher(copy.toString()).replaceFirst("$1$2"))
                .replaceAll("$1")).replaceAll("$1");
        if (forParser.stripLeading().regionMatches(true, 0, "ALTER", 0, 5)) {
            forParser = DROPPED_NAME.matcher(forParser).replaceAll("$1`$2`");
        }
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(forParser, PARSER_THREAD, p -> p.withDialect(AbstractJSqlParser.Dialect.MARIADB));
        } catch (JSQLParserException e) {
            Failure failure = failure(e);
            // The line is the script's to say (AnalysedStatement.problemLine); the column is the same in both.
            return new Parsed(List.of(new Operation.Opaque("the parser stopped at " + (failure.token().isEmpty() ? "the end"
                    : "'" + failure.token() + "'") + ", column " + failure.column())), failure);
        }
        return new Parsed(operations(statement, foreignKeys, sql), null);
    }

    private static Parsed opaque(String reason) {
        return new Parsed(List.of(new Operation.Opaque(reason)), null);
    }

    private static Failure failure(JSQLParserException e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ParseException pe && pe.currentToken != null) {
                Token next = pe.currentToken.next != null ? pe.currentToken.next : pe.currentToken;
                return new Failure(next.beginLine, next.beginColumn, next.image == null ? "" : next.image);
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return new Failure(1, 1, message.lines().findFirst().orElse(""));
    }

    private static List<Operation> operations(Statement st, Set<String> foreignKeys, String sql) {
        List<Operation> ops = new ArrayList<>();
        if (st instanceof UnsupportedStatement) {
            ops.add(new Operation.Opaque("the parser knows no such statement"));
        } else if (st instanceof CreateTable ct) {
            // The definition is the model's business; what the checks need of a new table is its name (it is empty).
            ops.add(new Operation.CreateTable(name(ct.getTable()), null));
            if (ct.isOrReplace()) {
                ops.add(0, new Operation.DropTable(name(ct.getTable()), null));
            }
        } else if (st instanceof Drop d) {
            drop(d, ops);
        } else if (st instanceof RenameTableStatement r) {
            r.getTableNames().forEach(e -> ops.add(new Operation.RenameTable(name(e.getKey()), name(e.getValue()))));
        } else if (st instanceof Alter a) {
            String table = name(a.getTable());
            for (AlterExpression e : a.getAlterExpressions()) {
                ops.add(alter(table, e, foreignKeys));
            }
        } else if (st instanceof CreateIndex ci) {
            ops.add(new Operation.AddIndex(name(ci.getTable()), index(ci.getIndex(), "UNIQUE".equalsIgnoreCase(ci.getIndex().getType()))));
        } else if (st instanceof Truncate t) {
            ops.add(new Operation.Truncate(name(t.getTable())));
        } else if (st instanceof Delete d) {
            if (d.getJoins() != null && !d.getJoins().isEmpty() || d.getTables() != null && !d.getTables().isEmpty()
                    || d.getUsingList() != null && !d.getUsingList().isEmpty()) {
                ops.add(new Operation.Opaque("a DELETE through a join or of several tables: the rows it deletes are not worked out"));
            } else {
                ops.add(new Operation.Delete(name(d.getTable()), d.getWhere() == null ? null : d.getWhere().toString(),
                        tail(d.getOrderByElements(), d.getLimit())));
            }
        } else if (st instanceof Update u) {
            if (u.getStartJoins() != null && !u.getStartJoins().isEmpty() || u.getJoins() != null && !u.getJoins().isEmpty()
                    || u.getFromItem() != null) {
                ops.add(new Operation.Opaque("an UPDATE through a join or of several tables: the rows it changes are not worked out"));
            } else {
                List<String> columns = new ArrayList<>();
                for (UpdateSet set : u.getUpdateSets()) {
                    set.getColumns().forEach(c -> columns.add(unquote(c.getColumnName())));
                }
                String assignments = u.getUpdateSets().stream().map(Object::toString).collect(Collectors.joining(", "));
                ops.add(new Operation.Update(name(u.getTable()), columns, assignments, u.getWhere() == null ? null : u.getWhere().toString(),
                        tail(u.getOrderByElements(), u.getLimit()), false));
            }
        } else if (st instanceof Insert i) {
            ops.add(i.isModifierIgnore() || i.getDuplicateUpdateSets() == null ? new Operation.Insert(name(i.getTable()))
                    : new Operation.Opaque("INSERT … ON DUPLICATE KEY UPDATE overwrites the rows it meets"));
        } else if (st instanceof Upsert u) {
            ops.add(new Operation.Opaque("REPLACE deletes the rows whose keys it meets before it inserts"));
        } else if (st instanceof net.sf.jsqlparser.statement.execute.Execute) {
            ops.add(new Operation.Opaque("a CALL runs a stored program, whose effect is not analysed"));
        } else if (st instanceof net.sf.jsqlparser.statement.select.Select || st instanceof net.sf.jsqlparser.statement.SetStatement
                || st instanceof net.sf.jsqlparser.statement.create.view.CreateView
                || st instanceof net.sf.jsqlparser.statement.create.view.AlterView
                || st instanceof net.sf.jsqlparser.statement.create.procedure.CreateProcedure
                || st instanceof net.sf.jsqlparser.statement.create.function.CreateFunction
                || st instanceof net.sf.jsqlparser.statement.create.trigger.CreateTrigger
                || st instanceof net.sf.jsqlparser.statement.analyze.Analyze
                || st instanceof net.sf.jsqlparser.statement.comment.Comment
                || st instanceof net.sf.jsqlparser.statement.UseStatement) {
            ops.add(new Operation.Harmless(null, firstWords(sql)));
        } else {
            ops.add(new Operation.Opaque("a " + st.getClass().getSimpleName() + " statement is not analysed"));
        }
        return ops;
    }

    private static void drop(Drop d, List<Operation> ops) {
        String type = d.getType().toUpperCase(Locale.ROOT);
        switch (type) {
            case "TABLE" -> {
                for (Table t : d.getNames() == null ? List.of(d.getName()) : d.getNames()) {
                    ops.add(new Operation.DropTable(name(t), null));
                }
            }
            case "INDEX" -> {
                List<String> p = d.getParameters();
                if (p != null && p.size() > 1 && p.get(0).equalsIgnoreCase("ON")) {
                    ops.add(new Operation.DropIndex(unquote(p.get(1)), unquote(d.getName().getName()), null));
                } else {
                    ops.add(new Operation.Opaque("DROP INDEX without ON table"));
                }
            }
            case "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT" -> ops.add(new Operation.Harmless(null, "drop " + type.toLowerCase(Locale.ROOT)
                    + " " + unquote(d.getName().getName())));
            default -> ops.add(new Operation.Opaque("DROP " + type + " is not analysed"));
        }
    }

    private static Operation alter(String table, AlterExpression e, Set<String> foreignKeys) {
        switch (e.getOperation()) {
            case ADD -> {
                if (e.getColDataTypeList() != null && !e.getColDataTypeList().isEmpty()) {
                    if (e.getColDataTypeList().size() > 1) {
                        return new Operation.Opaque("ADD COLUMN of several columns in one clause");
                    }
                    ColumnDefinition c = e.getColDataTypeList().get(0);
                    return new Operation.AddColumn(table, column(c.getColumnName(), c), "");
                }
                if (e.getIndex() != null) {
                    return indexOperation(table, e.getIndex());
                }
                if (e.getPkColumns() != null && !e.getPkColumns().isEmpty()) {
                    return new Operation.ChangePrimaryKey(table, null, e.getPkColumns().stream().map(StatementParser::unquote).toList());
                }
                return new Operation.Opaque("an ADD clause the parser does not take apart: " + e);
            }
            case MODIFY, CHANGE -> {
                if (e.getColDataTypeList() == null || e.getColDataTypeList().isEmpty()) {
                    return new Operation.Opaque("a " + e.getOperation() + " clause without a column: " + e);
                }
                ColumnDefinition c = e.getColDataTypeList().get(0);
                String old = e.getOperation() == net.sf.jsqlparser.statement.alter.AlterOperation.CHANGE
                        ? unquote(e.getColumnOldName()) : unquote(c.getColumnName());
                return new Operation.ModifyColumn(table, old, column(c.getColumnName(), c), null);
            }
            case DROP -> {
                if (e.getIndex() != null) {
                    return new Operation.DropIndex(table, unquote(e.getIndex().getName()), null);
                }
                if (e.getConstraintName() != null) {
                    String name = unquote(e.getConstraintName());
                    return foreignKeys.contains(name) ? new Operation.DropForeignKey(table, name, null, false)
                            : new Operation.DropConstraint(table, name);
                }
                if (e.getColumnName() != null) {
                    return new Operation.DropColumn(table, unquote(e.getColumnName()), null, null);
                }
                return new Operation.Opaque("a DROP clause the parser does not take apart: " + e);
            }
            case DROP_PRIMARY_KEY -> {
                return new Operation.ChangePrimaryKey(table, List.of(), null);
            }
            case DROP_UNIQUE -> {
                return new Operation.DropIndex(table, unquote(e.getUkName()), null);
            }
            case DROP_FOREIGN_KEY -> {
                return new Operation.DropForeignKey(table, e.getFkColumns() == null || e.getFkColumns().isEmpty() ? "?"
                        : unquote(e.getFkColumns().get(0)), null, false);
            }
            case RENAME -> {
                return new Operation.RenameColumn(table, unquote(e.getColumnOldName()), unquote(e.getColumnName()));
            }
            case RENAME_TABLE -> {
                return new Operation.RenameTable(table, unquote(e.getNewTableName()));
            }
            case ALTER, ALGORITHM, LOCK, COMMENT, COMMENT_WITH_EQUAL_SIGN, SET_TABLE_OPTION, ENGINE, FORCE, RENAME_INDEX, RENAME_KEY,
                    RENAME_CONSTRAINT -> {
                return new Operation.Harmless(table, e.getOperation().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " of " + table);
            }
            case CONVERT -> {
                return new Operation.Opaque("CONVERT TO CHARACTER SET: the characters the new set lacks are not counted");
            }
            case DROP_PARTITION, TRUNCATE_PARTITION -> {
                return new Operation.Opaque(e.getOperation().name().replace('_', ' ') + " destroys the partition's rows, which are not counted");
            }
            default -> {
                return new Operation.Opaque("an ALTER clause the parser keeps as text: " + (e.getOptionalSpecifier() != null
                        ? e.getOptionalSpecifier() : e.toString()));
            }
        }
    }

    private static Operation indexOperation(String table, Index index) {
        if (index instanceof ForeignKeyIndex fk) {
            return new Operation.AddForeignKey(table, new ForeignKey(indexName(fk), names(fk.getColumnsNames()), name(fk.getTable()),
                    names(fk.getReferencedColumnNames()), fk.getOnDeleteReferenceOption() == null ? null : fk.getOnDeleteReferenceOption()));
        }
        String kind = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        if (kind.startsWith("PRIMARY")) {
            return new Operation.ChangePrimaryKey(table, null, names(index.getColumnsNames()));
        }
        if (kind.contains("CHECK")) {
            return new Operation.Harmless(table, "add a check on " + table);
        }
        return new Operation.AddIndex(table, index(index, kind.contains("UNIQUE")));
    }

    private static furniture.catalog.migrations.schema.Index index(Index index, boolean unique) {
        return new furniture.catalog.migrations.schema.Index(indexName(index), unique, names(index.getColumnsNames()));
    }

    private static String indexName(Index index) {
        String name = index instanceof NamedConstraint nc && nc.getIndexName() != null ? nc.getIndexName() : index.getName();
        return name == null ? null : unquote(name);
    }

    /** A column as the statement defines it; its type is null when it is none this project knows (then not judged). */
    private static Column column(String name, ColumnDefinition c) {
        List<String> specs = c.getColumnSpecs() == null ? List.of() : c.getColumnSpecs();
        String joined = " " + String.join(" ", specs).toUpperCase(Locale.ROOT) + " ";
        boolean notNull = joined.contains(" NOT NULL ") || joined.contains(" PRIMARY KEY ");
        String defaultValue = null;
        for (int i = 0; i + 1 < specs.size(); i++) {
            if (specs.get(i).equalsIgnoreCase("DEFAULT")) {
                defaultValue = specs.get(i + 1);
            }
        }
        SqlType type;
        try {
            String text = c.getColDataType().toString();
            if (specs.stream().anyMatch(s -> s.equalsIgnoreCase("UNSIGNED")) && !text.toUpperCase(Locale.ROOT).contains("UNSIGNED")) {
                text += " UNSIGNED";
            }
            type = SqlType.parse(text);
        } catch (IllegalArgumentException unknown) {
            type = null;
        }
        return new Column(unquote(name), type, !notNull, defaultValue, joined.contains(" AUTO_INCREMENT "));
    }

    private static String tail(List<?> orderBy, Object limit) {
        String order = orderBy == null || orderBy.isEmpty() ? "" : "ORDER BY " + orderBy.stream().map(Object::toString).collect(Collectors.joining(", "));
        String lim = limit == null ? "" : limit.toString().strip();
        return (order + " " + lim).strip();
    }

    private static List<String> names(List<String> names) {
        return names == null ? List.of() : names.stream().map(StatementParser::unquote).toList();
    }

    private static String name(Table t) {
        return t == null ? null : unquote(t.getName());
    }

    /** A name without its backquotes ({@code `order`} is order, a doubled backquote one). */
    static String unquote(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() > 1 && t.charAt(0) == '`' && t.endsWith("`") ? t.substring(1, t.length() - 1).replace("``", "`")
                : t.length() > 1 && t.charAt(0) == '"' && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static String firstWords(String sql) {
        String code = ScriptStatement.withoutLeadingComments(sql).strip().replaceAll("\\s+", " ");
        Matcher m = FIRST_WORD.matcher(code);
        String first = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "statement";
        return first + " statement (" + (code.length() > 60 ? code.substring(0, 57) + "..." : code) + ")";
    }
}
