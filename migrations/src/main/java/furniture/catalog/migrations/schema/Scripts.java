package furniture.catalog.migrations.schema;

import furniture.catalog.migrations.operation.Operation;
import furniture.catalog.migrations.operation.Render;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The text of a generated migration, rendered from the changes' operations: statements one per line group, each
 * change after its {@code -- review:} note.
 */
public final class Scripts {
    private Scripts() {}

    /** The upgrade: every change's operations in order. */
    public static String upgrade(List<Change> changes) {
        StringBuilder s = new StringBuilder();
        for (Change c : changes) {
            s.append("-- ").append(c.describe()).append('\n');
            if (c.review() != null) {
                s.append("-- review: ").append(c.review()).append('\n');
            }
            statements(s, c.up());
        }
        return s.toString();
    }

    /** The downgrade: the changes in reverse order, each one's inverse operations, marked where they destroy data. */
    public static String downgrade(List<Change> changes) {
        List<Change> reversed = new ArrayList<>(changes);
        Collections.reverse(reversed);
        StringBuilder s = new StringBuilder();
        for (Change c : reversed) {
            if (c.down().isEmpty()) {
                continue;
            }
            s.append("-- undoes: ").append(c.describe()).append('\n');
            if (c.down().stream().anyMatch(Scripts::dropsData)) {
                s.append("-- review: ").append(SchemaDiff.DROPS_DATA).append('\n');
            }
            statements(s, c.down());
        }
        return s.toString();
    }

    /**
     * Whether a generated operation destroys stored values: a dropped table or column, or a type narrower than the one
     * it replaces (both are known in a generated migration).
     */
    static boolean dropsData(Operation op) {
        if (op instanceof Operation.ModifyColumn m) {
            return m.from() != null && m.to().type() != null && !m.to().type().holds(m.from().type());
        }
        return op instanceof Operation.DropTable || op instanceof Operation.DropColumn;
    }

    private static void statements(StringBuilder s, List<Operation> ops) {
        for (Operation op : ops) {
            s.append(Render.sql(op)).append(";\n");
        }
    }
}
