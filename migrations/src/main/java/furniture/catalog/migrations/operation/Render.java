package furniture.catalog.migrations.operation;

import furniture.catalog.migrations.schema.SchemaDiff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Operations as the SQL a generated migration writes (one statement each, without its delimiter), and the inverse of a
 * list of them: rendering is a step of its own, after the comparison has decided what to do (Alembic's
 * {@code render}).
 */
public final class Render {
    private Render() {}

    /** The statement that does {@code op}; fails for what a generated migration never writes (opaque, harmless). */
    public static String sql(Operation op) {
        String alter = "ALTER TABLE " + op.table() + " ";
        if (op instanceof Operation.CreateTable c) {
            return requireDefinition(c.definition(), op).create();
        }
        if (op instanceof Operation.DropTable d) {
            return "DROP TABLE " + d.table();
        }
        if (op instanceof Operation.RenameTable r) {
            return "RENAME TABLE " + r.table() + " TO " + r.to();
        }
        if (op instanceof Operation.AddColumn a) {
            return alter + "ADD COLUMN " + a.column().definition() + a.position();
        }
        if (op instanceof Operation.DropColumn d) {
            return alter + "DROP COLUMN " + d.column();
        }
        if (op instanceof Operation.RenameColumn r) {
            return alter + "RENAME COLUMN " + r.column() + " TO " + r.to();
        }
        if (op instanceof Operation.ModifyColumn m) {
            return m.renames() ? alter + "CHANGE COLUMN " + m.column() + " " + m.to().definition()
                    : alter + "MODIFY COLUMN " + m.to().definition();
        }
        if (op instanceof Operation.AddIndex a) {
            return alter + a.index().addClause();
        }
        if (op instanceof Operation.DropIndex d) {
            return alter + "DROP INDEX " + d.name();
        }
        if (op instanceof Operation.AddForeignKey a) {
            return alter + a.foreignKey().addClause();
        }
        if (op instanceof Operation.DropForeignKey d) {
            return alter + "DROP FOREIGN KEY " + d.name() + (d.withIndex() ? ", DROP INDEX " + d.name() : "");
        }
        if (op instanceof Operation.DropConstraint d) {
            return alter + "DROP CONSTRAINT " + d.name();
        }
        if (op instanceof Operation.ChangePrimaryKey p) {
            return alter + (p.from() == null || p.from().isEmpty() ? "" : "DROP PRIMARY KEY"
                    + (p.to() == null ? "" : ", ")) + (p.to() == null ? "" : "ADD PRIMARY KEY (" + String.join(", ", p.to()) + ")");
        }
        if (op instanceof Operation.Update u) {
            return (u.placeholder() ? SchemaDiff.PLACEHOLDER_LINE + "\n" : "") + "UPDATE " + u.table() + " SET "
                    + u.assignments() + (u.where() == null ? "" : " WHERE " + u.where()) + (u.tail().isEmpty() ? "" : " " + u.tail());
        }
        if (op instanceof Operation.Delete d) {
            return "DELETE FROM " + d.table() + (d.where() == null ? "" : " WHERE " + d.where())
                    + (d.tail().isEmpty() ? "" : " " + d.tail());
        }
        if (op instanceof Operation.Truncate t) {
            return "TRUNCATE TABLE " + t.table();
        }
        if (op instanceof Operation.Insert i) {
            throw new IllegalArgumentException("an INSERT is not rendered from its operation: " + i.describe());
        }
        if (op instanceof Operation.Harmless h) {
            throw new IllegalArgumentException("nothing to render for " + h.describe());
        }
        if (op instanceof Operation.Opaque o) {
            throw new IllegalArgumentException("an opaque statement has no rendering: " + o.reason());
        }
        throw new IllegalArgumentException("unknown operation " + op);
    }

    /**
     * What undoes {@code ops}, in the order to run it: each one's inverse, last first. A placeholder fill has none and
     * needs none when its column is dropped after it, and a column's modification is dropped with the column. Fails
     * for an operation that has no inverse, naming it.
     */
    public static List<Operation> inverse(List<Operation> ops) {
        List<Operation> reversed = new ArrayList<>(ops);
        Collections.reverse(reversed);
        List<Operation> down = new ArrayList<>();
        for (Operation op : reversed) {
            if (op instanceof Operation.Update u && u.placeholder()) {
                continue; // the values it wrote go with the column the inverse of its ADD drops
            }
            Optional<Operation> inverse = op.inverse();
            down.add(inverse.orElseThrow(() -> new IllegalArgumentException("no inverse is known for " + op.describe())));
        }
        // MODIFY c … then DROP COLUMN c: the drop alone undoes both.
        List<Operation> simplified = new ArrayList<>();
        for (int i = 0; i < down.size(); i++) {
            Operation op = down.get(i);
            if (op instanceof Operation.ModifyColumn m && !m.renames() && down.subList(i + 1, down.size()).stream()
                    .anyMatch(later -> later instanceof Operation.DropColumn d && d.table().equals(m.table()) && d.column().equals(m.to().name()))) {
                continue;
            }
            simplified.add(op);
        }
        return simplified;
    }

    private static furniture.catalog.migrations.schema.Table requireDefinition(furniture.catalog.migrations.schema.Table t, Operation op) {
        if (t == null) {
            throw new IllegalArgumentException("the definition of the table is not known: " + op.describe());
        }
        return t;
    }
}
