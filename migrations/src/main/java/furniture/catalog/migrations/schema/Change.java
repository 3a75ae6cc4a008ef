package furniture.catalog.migrations.schema;

import java.util.List;

/**
 * One difference between the live schema and the model, with the statements that turn the one into the other.
 *
 * @param describe the difference as {@code check} names it, from the database's side ("colors.hex_code is in the
 *     database but not in the model")
 * @param breaking whether the service cannot work on the live schema as it is (a missing table or column, a narrower
 *     type, a missing unique key); otherwise the drift is additive (an extra column or index) and only warned about
 * @param up the statements that bring the database to the model
 * @param down their exact inverse, in the order to run them
 * @param review what a reviewer must look at, written as {@code -- review:} above the statements; null when nothing
 * @param phase where the statements go among the others, so that keys and tables exist when they are needed
 */
public record Change(String describe, boolean breaking, List<String> up, List<String> down, String review, int phase) {
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
}
