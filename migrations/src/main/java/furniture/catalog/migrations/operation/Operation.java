package furniture.catalog.migrations.operation;

import furniture.catalog.migrations.schema.Column;
import furniture.catalog.migrations.schema.ForeignKey;
import furniture.catalog.migrations.schema.Index;
import furniture.catalog.migrations.schema.Table;
import java.util.List;
import java.util.Optional;

/**
 * One thing a migration step does, whether {@code catalog db migrate} generated it or a person wrote it: the one model
 * behind the guard, the checks against the data, the large-table probe, lint and the generated scripts (Alembic's
 * {@code MigrateOperation}s, for MariaDB).
 *
 * <p>Each operation says three things of itself, with no database at hand:
 * <ul>
 *   <li>{@link #inverse()}: the operation that undoes it, when its own text is enough to know it (an added column's
 *       inverse is its drop; a drop's inverse is known only when the definition of what it drops is, as in a
 *       generated migration);</li>
 *   <li>{@link #destroys()}: the stored data it may destroy, as {@link DataAtRisk} that the guard counts and backs up
 *       exactly (a column's values, the rows a WHERE selects, the values a narrower type would not hold);</li>
 *   <li>{@link #needs()}: what it needs of the rows already there ({@link Requirement}: no duplicates under a new
 *       unique key, no NULL under NOT NULL, no orphan under a foreign key, values that fit), checked before anything
 *       runs.</li>
 * </ul>
 * A statement that the parser cannot classify is {@link Opaque}, with the reason: the guard and lint refuse it unless the
 * script marks it reviewed. Names are as the server stores them (no backquotes).
 */
public sealed interface Operation {

    /** The table the operation works on; null when it names none (a session setting, an opaque statement). */
    String table();

    /** The operation in a few words, for messages ("drop column colors.hex_code"). */
    String describe();

    /** The operation that undoes this one, when this one's own description is enough to know it. */
    default Optional<Operation> inverse() {
        return Optional.empty();
    }

    /** The stored data this operation may destroy: what the guard counts, refuses without permission, and backs up. */
    default List<DataAtRisk> destroys() {
        return List.of();
    }

    /** What this operation needs of the rows already there, checked before the first statement runs. */
    default List<Requirement> needs() {
        return List.of();
    }

    /** A new table. {@code definition} is known when generated from the model (and for the inverse of a known drop). */
    record CreateTable(String table, Table definition) implements Operation {
        @Override
        public String describe() {
            return "create table " + table;
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.of(new DropTable(table, definition));
        }
    }

    /** A table dropped with all its rows. */
    record DropTable(String table, Table definition) implements Operation {
        @Override
        public String describe() {
            return "drop table " + table;
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.ofNullable(definition).map(d -> new CreateTable(table, d));
        }

        @Override
        public List<DataAtRisk> destroys() {
            return List.of(new DataAtRisk.WholeTable(table, "dropped"));
        }
    }

    record RenameTable(String table, String to) implements Operation {
        @Override
        public String describe() {
            return "rename table " + table + " to " + to;
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.of(new RenameTable(to, table));
        }
    }

    /**
     * A new column; {@code position} is how the statement places it ({@code " AFTER name"}, {@code " FIRST"} or "").
     * A NOT NULL column without a default needs nothing of the rows (the server fills in its type's zero); lint's
     * expand/contract rule is what judges whether an older build can still insert.
     */
    record AddColumn(String table, Column column, String position) implements Operation {
        @Override
        public String describe() {
            return "add column " + table + "." + column.name();
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.of(new DropColumn(table, column.name(), column, position));
        }
    }

    /** A column dropped with its values; {@code definition} and {@code position} are known when generated. */
    record DropColumn(String table, String column, Column definition, String position) implements Operation {
        @Override
        public String describe() {
            return "drop column " + table + "." + column;
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.ofNullable(definition).map(d -> new AddColumn(table, d, position == null ? "" : position));
        }

        @Override
        public List<DataAtRisk> destroys() {
            return List.of(new DataAtRisk.ColumnValues(table, column, "dropped"));
        }
    }

    record RenameColumn(String table, String column, String to) implements Operation {
        @Override
        public String describe() {
            return "rename column " + table + "." + column + " to " + to;
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.of(new RenameColumn(table, to, column));
        }
    }

    /**
     * A column given a new definition: MODIFY, or CHANGE when {@code to} has another name than {@code column}.
     * {@code from} is the definition it had, known when generated. Its type may narrow (what the live column holds
     * then decides whether values are lost) and it may become NOT NULL.
     */
    record ModifyColumn(String table, String column, Column to, Column from) implements Operation {
        @Override
        public String describe() {
            return (renames() ? "change column " + table + "." + column + " to " + to.name() : "modify column " + table + "." + column)
                    + " " + to.type() + (to.nullable() ? " NULL" : " NOT NULL");
        }

        /** Whether the column gets another name too (CHANGE old new …). */
        public boolean renames() {
            return !column.equals(to.name());
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.ofNullable(from).map(f -> new ModifyColumn(table, to.name(), f, to));
        }

        @Override
        public List<DataAtRisk> destroys() {
            return to.type() == null ? List.of(new DataAtRisk.ColumnValues(table, column, "given a type that cannot be judged"))
                    : List.of(new DataAtRisk.Narrowing(table, column, to.type()));
        }

        @Override
        public List<Requirement> needs() {
            List<Requirement> needs = new java.util.ArrayList<>();
            if (to.type() != null) {
                needs.add(new Requirement.Fits(table, column, to.type()));
            }
            if (!to.nullable()) {
                needs.add(new Requirement.NotNull(table, column));
            }
            return needs;
        }
    }

    /** A secondary index or a unique key. */
    record AddIndex(String table, Index index) implements Operation {
        @Override
        public String describe() {
            return "add " + (index.unique() ? "unique key " : "index ") + (index.name() == null ? "" : index.name() + " ")
                    + "(" + String.join(", ", index.columns()) + ") on " + table;
        }

        @Override
        public Optional<Operation> inverse() {
            return index.name() == null ? Optional.empty() : Optional.of(new DropIndex(table, index.name(), index));
        }

        @Override
        public List<Requirement> needs() {
            return index.unique() ? List.of(new Requirement.Unique(table, index.columns())) : List.of();
        }
    }

    record DropIndex(String table, String name, Index definition) implements Operation {
        @Override
        public String describe() {
            return "drop index " + name + " on " + table;
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.ofNullable(definition).map(d -> new AddIndex(table, d));
        }
    }

    record AddForeignKey(String table, ForeignKey foreignKey) implements Operation {
        @Override
        public String describe() {
            return "add foreign key " + (foreignKey.name() == null ? "" : foreignKey.name() + " ") + "("
                    + String.join(", ", foreignKey.columns()) + ") on " + table + " to " + foreignKey.referencedTable();
        }

        @Override
        public Optional<Operation> inverse() {
            return foreignKey.name() == null ? Optional.empty() : Optional.of(new DropForeignKey(table, foreignKey.name(), foreignKey, true));
        }

        @Override
        public List<Requirement> needs() {
            return List.of(new Requirement.References(table, foreignKey.columns(), foreignKey.referencedTable(),
                    foreignKey.referencedColumns()));
        }
    }

    /**
     * A foreign key dropped; with {@code withIndex}, the index InnoDB made for it goes in the same statement (as a
     * generated migration writes it). {@code definition} is known when generated.
     */
    record DropForeignKey(String table, String name, ForeignKey definition, boolean withIndex) implements Operation {
        @Override
        public String describe() {
            return "drop foreign key " + name + " on " + table;
        }

        @Override
        public Optional<Operation> inverse() {
            return Optional.ofNullable(definition).map(d -> new AddForeignKey(table, d));
        }
    }

    /** DROP CONSTRAINT: a check, a foreign key or a unique key by name; no stored value goes. */
    record DropConstraint(String table, String name) implements Operation {
        @Override
        public String describe() {
            return "drop constraint " + name + " on " + table;
        }
    }

    /** The primary key replaced (one statement: an AUTO_INCREMENT key cannot be left without one in between). */
    record ChangePrimaryKey(String table, List<String> from, List<String> to) implements Operation {
        public ChangePrimaryKey {
            from = from == null ? null : List.copyOf(from);
            to = to == null ? null : List.copyOf(to);
        }

        @Override
        public String describe() {
            return to == null ? "drop the primary key of " + table : "set the primary key of " + table + " to (" + String.join(", ", to) + ")";
        }

        @Override
        public Optional<Operation> inverse() {
            return from == null ? Optional.empty() : Optional.of(new ChangePrimaryKey(table, to, from));
        }

        @Override
        public List<Requirement> needs() {
            return to == null ? List.of() : List.of(new Requirement.Unique(table, to));
        }
    }

    record Insert(String table) implements Operation {
        @Override
        public String describe() {
            return "insert into " + table;
        }
    }

    /**
     * UPDATE of one table: the values of {@code columns} in the rows {@code where} selects (null: every row; with
     * {@code tail}, its ORDER BY and LIMIT) are overwritten. {@code assignments} is the SET clause as written. A
     * placeholder is the fill that {@code migrate} writes for a required column and its author must replace.
     */
    record Update(String table, List<String> columns, String assignments, String where, String tail, boolean placeholder)
            implements Operation {
        public Update {
            columns = List.copyOf(columns);
            tail = tail == null ? "" : tail;
        }

        @Override
        public String describe() {
            return "update " + String.join(", ", columns) + " of " + (where == null ? "every row" : "the rows WHERE " + where) + " in " + table;
        }

        @Override
        public List<DataAtRisk> destroys() {
            return List.of(new DataAtRisk.Rows(table, where, tail, columns));
        }
    }

    /** DELETE from one table of the rows {@code where} selects (null: every row), with {@code tail} (ORDER BY, LIMIT). */
    record Delete(String table, String where, String tail) implements Operation {
        public Delete {
            tail = tail == null ? "" : tail;
        }

        @Override
        public String describe() {
            return "delete " + (where == null ? "every row" : "the rows WHERE " + where) + " from " + table;
        }

        @Override
        public List<DataAtRisk> destroys() {
            return List.of(new DataAtRisk.Rows(table, where, tail, List.of()));
        }
    }

    record Truncate(String table) implements Operation {
        @Override
        public String describe() {
            return "truncate table " + table;
        }

        @Override
        public List<DataAtRisk> destroys() {
            return List.of(new DataAtRisk.WholeTable(table, "truncated"));
        }
    }

    /**
     * A statement understood as touching no stored data: a session setting, a SELECT, a view, a stored program's
     * definition, a table option, a default. {@code table} when it names one.
     */
    record Harmless(String table, String what) implements Operation {
        @Override
        public String describe() {
            return what;
        }
    }

    /** A statement the parser could not classify, and why: nothing is known of what it does to the data. */
    record Opaque(String reason) implements Operation {
        @Override
        public String table() {
            return null;
        }

        @Override
        public String describe() {
            return "not understood: " + reason;
        }
    }
}
