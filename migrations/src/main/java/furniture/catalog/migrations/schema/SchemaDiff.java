package furniture.catalog.migrations.schema;

import furniture.catalog.migrations.operation.Operation;
import furniture.catalog.migrations.operation.Render;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What differs between a live schema and the model, as {@link Change}s in the order to run them: what Alembic's
 * autogenerate compare does for Flask-Migrate, for the patterns the original's guide names (create/drop table,
 * add/drop/modify column, unique keys, indexes, foreign keys). Where a column disappears and another of the same type
 * appears in the same table, it writes a rename (Alembic writes a drop and an add, and loses the data), marked for
 * review. Statements that drop data say so.
 */
public final class SchemaDiff {
    static final String DROPS_DATA = "drops data";
    /**
     * The line above a value the generator could not know (the fill of a required column added to a table with rows):
     * an upgrade refuses a pending script that still holds it.
     */
    public static final String PLACEHOLDER_LINE = "-- catalog:placeholder (edit the value below, then delete this line)";

    private SchemaDiff() {}

    /** The changes from {@code live} to {@code model}, in the order their statements must run. */
    public static List<Change> between(Schema live, Schema model) {
        List<Change> changes = new ArrayList<>();
        for (Table wanted : createOrder(model, live)) {
            changes.add(Change.of("table " + wanted.name() + " is in the model but not in the database", true,
                    List.of(new Operation.CreateTable(wanted.name(), wanted)), null, Change.CREATE_TABLES));
            for (ForeignKey fk : wanted.foreignKeys()) {
                changes.add(addForeignKey(wanted, fk, true));
            }
        }
        for (Table wanted : model.tables()) {
            live.table(wanted.name()).ifPresent(existing -> compareTable(existing, wanted, changes));
        }
        List<Table> dropped = live.tables().stream().filter(t -> model.table(t.name()).isEmpty()).toList();
        for (Table gone : dropped) {
            for (ForeignKey fk : gone.foreignKeys()) {
                changes.add(Change.of(gone.name() + ": " + fk.describe() + " goes with its table", false,
                        List.of(dropForeignKey(gone, fk)), null, Change.DROP_FOREIGN_KEYS));
            }
            changes.add(Change.of("table " + gone.name() + " is in the database but not in the model", false,
                    List.of(new Operation.DropTable(gone.name(), gone)), DROPS_DATA, Change.DROP_TABLES));
        }
        changes.sort(Comparator.comparingInt(Change::phase)); // stable: within a phase, the model's order
        return changes;
    }

    /** The differences that stop the service, and the ones that are only additive. */
    public static List<Change> breaking(List<Change> changes) {
        return changes.stream().filter(Change::breaking).toList();
    }

    private static void compareTable(Table live, Table model, List<Change> changes) {
        String t = model.name();
        if (!live.primaryKey().equals(model.primaryKey())) {
            changes.add(Change.of(t + ": the primary key is (" + String.join(", ", live.primaryKey()) + "), the model says ("
                    + String.join(", ", model.primaryKey()) + ")", true,
                    List.of(new Operation.ChangePrimaryKey(t, live.primaryKey(), model.primaryKey())), "the primary key changes", Change.COLUMNS));
        }
        // Foreign keys: dropped (or changed) first, added last.
        for (ForeignKey fk : live.foreignKeys()) {
            Optional<ForeignKey> wanted = model.foreignKeys().stream().filter(f -> f.name().equals(fk.name())).findFirst();
            if (wanted.isEmpty() || !wanted.get().equals(fk)) {
                changes.add(Change.of(t + ": " + fk.describe() + (wanted.isEmpty() ? " is not in the model" : " differs from the model's"),
                        true, List.of(dropForeignKey(live, fk)), null, Change.DROP_FOREIGN_KEYS));
            }
        }
        for (ForeignKey fk : model.foreignKeys()) {
            if (!live.foreignKeys().contains(fk)) {
                changes.add(addForeignKey(model, fk, false));
            }
        }
        // Indexes and unique keys.
        for (Index index : live.indexes()) {
            Optional<Index> wanted = model.index(index.name());
            if (wanted.isEmpty() || !wanted.get().equals(index)) {
                changes.add(Change.of(t + ": " + index.describe() + " (" + index.name() + ") is not in the model", index.unique(),
                        List.of(new Operation.DropIndex(t, index.name(), index)), null, Change.DROP_INDEXES));
            }
        }
        for (Index index : model.indexes()) {
            if (!live.indexes().contains(index)) {
                changes.add(Change.of(t + ": " + index.describe() + " is missing", index.unique(),
                        List.of(new Operation.AddIndex(t, index)), null, Change.ADD_INDEXES));
            }
        }
        compareColumns(live, model, changes);
    }

    private static void compareColumns(Table live, Table model, List<Change> changes) {
        String t = model.name();
        List<Column> added = model.columns().stream().filter(c -> live.column(c.name()).isEmpty()).toList();
        List<Column> removed = new ArrayList<>(live.columns().stream().filter(c -> model.column(c.name()).isEmpty()).toList());
        Set<Column> renamedTo = new LinkedHashSet<>();
        for (Column wanted : added) {
            Optional<Column> from = removed.stream().filter(r -> r.type().equals(wanted.type())).findFirst();
            if (from.isPresent()) {
                removed.remove(from.get());
                renamedTo.add(wanted);
                Column old = from.get();
                List<Operation> up = new ArrayList<>(List.of(new Operation.RenameColumn(t, old.name(), wanted.name())));
                if (!sameAttributes(old, wanted)) {
                    up.add(new Operation.ModifyColumn(t, wanted.name(), wanted, rename(old, wanted.name())));
                }
                changes.add(Change.of(t + "." + old.name() + " is in the database but not in the model, and " + t + "." + wanted.name()
                        + " of the same type is in the model but not in the database", true, up,
                        "a column disappeared and one of the same type appeared in " + t + ": written as a rename of " + old.name()
                        + " to " + wanted.name() + ", which keeps its data; if it is not a rename, replace it with a DROP and an ADD",
                        Change.COLUMNS));
            }
        }
        for (Column wanted : added) {
            if (renamedTo.contains(wanted)) {
                continue;
            }
            String describe = t + "." + wanted.name() + " is in the model but not in the database";
            if (!wanted.nullable() && wanted.defaultValue() == null && !wanted.autoIncrement()) {
                // Required, with no default: the rows already there need a value, which only the author knows. Add it
                // NULL, fill it (a placeholder the upgrade refuses until it is edited), then make it NOT NULL; a unique
                // key on it comes after, with the other keys.
                Column nullable = new Column(wanted.name(), wanted.type(), true, null, false);
                changes.add(Change.of(describe, true, List.of(
                        new Operation.AddColumn(t, nullable, position(model, wanted)),
                        new Operation.Update(t, List.of(wanted.name()), wanted.name() + " = " + placeholderFill(model, wanted),
                                wanted.name() + " IS NULL", "", true),
                        new Operation.ModifyColumn(t, wanted.name(), wanted, nullable)),
                        t + "." + wanted.name() + " is required and has no default, so the rows already in " + t + " need a value"
                                + (unique(model, wanted) ? ", a different one each (a unique key on it follows)" : "")
                                + ": write it in the UPDATE below (the one there is a placeholder), then delete the line `" + PLACEHOLDER_LINE
                                + "`; `catalog db upgrade` refuses the script while that line is there", Change.COLUMNS));
                continue;
            }
            changes.add(Change.of(describe, true, List.of(new Operation.AddColumn(t, wanted, position(model, wanted))), null, Change.COLUMNS));
        }
        for (Column wanted : model.columns()) {
            live.column(wanted.name()).filter(existing -> !existing.equals(wanted)).ifPresent(existing ->
                    changes.add(modify(t, existing, wanted)));
        }
        for (Column gone : removed) {
            boolean blocksInserts = !gone.nullable() && gone.defaultValue() == null && !gone.autoIncrement();
            changes.add(Change.of(t + "." + gone.name() + " is in the database but not in the model"
                    + (blocksInserts ? ", NOT NULL without a default: the service's inserts fail" : ""), blocksInserts,
                    List.of(new Operation.DropColumn(t, gone.name(), gone, position(live, gone))), DROPS_DATA, Change.COLUMNS));
        }
    }

    private static Change modify(String t, Column live, Column model) {
        List<String> what = new ArrayList<>();
        boolean breaking = false;
        String review = null;
        if (!live.type().equals(model.type())) {
            what.add(t + "." + model.name() + " is " + live.type() + ", the model says " + model.type());
            breaking |= !live.type().holds(model.type());
            if (!model.type().holds(live.type())) {
                review = "narrows " + t + "." + model.name() + " from " + live.type() + " to " + model.type()
                        + ": values that do not fit are refused or cut";
            }
        }
        if (live.nullable() != model.nullable()) {
            what.add(t + "." + model.name() + " is " + (live.nullable() ? "NULL" : "NOT NULL") + ", the model says "
                    + (model.nullable() ? "NULL" : "NOT NULL"));
            breaking = true;
            if (!model.nullable()) {
                review = (review == null ? "" : review + "; ") + "makes " + t + "." + model.name() + " NOT NULL: rows holding NULL fail it";
            }
        }
        if (!Objects.equals(live.defaultValue(), model.defaultValue())) {
            what.add(t + "." + model.name() + " defaults to " + (live.defaultValue() == null ? "nothing" : live.defaultValue())
                    + ", the model says " + (model.defaultValue() == null ? "nothing" : model.defaultValue()));
        }
        if (live.autoIncrement() != model.autoIncrement()) {
            what.add(t + "." + model.name() + (live.autoIncrement() ? " is" : " is not") + " AUTO_INCREMENT, the model says the opposite");
            breaking = true;
        }
        return Change.of(String.join("; ", what), breaking, List.of(new Operation.ModifyColumn(t, model.name(), model, live)), review,
                Change.COLUMNS);
    }

    /**
     * A value for the rows already there, of the column's type, distinct per row when a unique key covers the column:
     * only a placeholder, for the author to replace with the real values.
     */
    private static boolean unique(Table table, Column column) {
        return table.indexes().stream().anyMatch(i -> i.unique() && i.columns().equals(List.of(column.name())));
    }

    private static String placeholderFill(Table table, Column column) {
        boolean unique = unique(table, column);
        String key = table.primaryKey().isEmpty() ? null : table.primaryKey().get(0);
        Optional<ForeignKey> reference = table.foreignKeys().stream().filter(fk -> fk.columns().equals(List.of(column.name()))).findFirst();
        if (reference.isPresent()) {
            return "(SELECT MIN(" + reference.get().referencedColumns().get(0) + ") FROM " + reference.get().referencedTable() + ")";
        }
        return switch (column.type().name()) {
            case "VARCHAR", "CHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT" ->
                    unique && key != null ? "CONCAT('" + column.name() + "-', " + key + ")" : "''";
            case "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT", "DECIMAL", "DOUBLE", "FLOAT" -> unique && key != null ? key : "0";
            case "BOOL" -> "FALSE";
            case "DATE" -> "CURRENT_DATE";
            case "DATETIME", "TIMESTAMP" -> column.type().length() == null ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + column.type().length() + ")";
            default -> "NULL";
        };
    }

    private static boolean sameAttributes(Column a, Column b) {
        return a.nullable() == b.nullable() && Objects.equals(a.defaultValue(), b.defaultValue()) && a.autoIncrement() == b.autoIncrement();
    }

    private static Column rename(Column c, String name) {
        return new Column(name, c.type(), c.nullable(), c.defaultValue(), c.autoIncrement());
    }

    /** " AFTER x" when the column is not the table's last, so that the column order is the model's. */
    private static String position(Table table, Column column) {
        int i = table.columns().indexOf(column);
        if (i == table.columns().size() - 1) {
            return "";
        }
        return i == 0 ? " FIRST" : " AFTER " + table.columns().get(i - 1).name();
    }

    private static Change addForeignKey(Table table, ForeignKey fk, boolean withNewTable) {
        List<Operation> up = List.of(new Operation.AddForeignKey(table.name(), fk));
        // On a new table, the key goes with the table: the table's drop undoes it.
        return new Change(table.name() + ": " + fk.describe() + " is missing", false, up, withNewTable ? List.of() : Render.inverse(up),
                null, Change.ADD_FOREIGN_KEYS);
    }

    /** The key and the index InnoDB made for it. */
    private static Operation dropForeignKey(Table table, ForeignKey fk) {
        return new Operation.DropForeignKey(table.name(), fk.name(), fk, true);
    }

    /** The model's tables that the database lacks, each after the tables its foreign keys reference. */
    private static List<Table> createOrder(Schema model, Schema live) {
        List<Table> missing = new ArrayList<>(model.tables().stream().filter(t -> live.table(t.name()).isEmpty()).toList());
        List<Table> ordered = new ArrayList<>();
        while (!missing.isEmpty()) {
            Table next = missing.stream().filter(t -> t.foreignKeys().stream().allMatch(fk -> fk.referencedTable().equals(t.name())
                    || missing.stream().noneMatch(m -> m.name().equals(fk.referencedTable())))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the model's foreign keys form a cycle among "
                            + missing.stream().map(Table::name).toList()));
            ordered.add(next);
            missing.remove(next);
        }
        return ordered;
    }
}
