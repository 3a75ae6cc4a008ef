package furniture.catalog.migrations.schema;

import furniture.catalog.migrations.operation.Operation;
import furniture.catalog.migrations.operation.Render;
import java.util.List;

/**
 * One difference between the live schema and the model, with the operations that turn the one into the other.
 *
 * @param describe the difference as {@code check} names it, from the database's side ("colors.hex_code is in the
 *     database but not in the model")
 * @param breaking whether the service cannot work on the live schema as it is (a missing table or column, a narrower
 *     type, a missing unique key); otherwise the drift is additive (an extra column or index) and only warned about
 * @param up the operations that bring the database to the model
 * @param down what undoes them, in the order to run it: their inverses ({@link Render#inverse}), except where the
 *     inverse of another change already undoes them (a new table's foreign keys go with the table)
 * @param review what a reviewer must look at, written as {@code -- review:} above the statements; null when nothing
 * @param phase where the statements go among the others, so that keys and tables exist when they are needed
 */
public record Change(String describe, boolean breaking, List<Operation> up, List<Operation> down, String review, int phase) {
    static final int DROP_FOREIGN_KEYS = 0;
    static final int DROP_INDEXES = 1;
    static final int CREATE_TABLES = 2;
    static final int COLUMNS = 3;
    static final int ADD_INDEXES = 4;
    static final int ADD_FOREIGN_KEYS = 5;
    static final int DROP_TABLES = 6;

    public Change {
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    /** A change whose downgrade is the inverse of its operations. */
    static Change of(String describe, boolean breaking, List<Operation> up, String review, int phase) {
        return new Change(describe, breaking, up, Render.inverse(up), review, phase);
    }
}
