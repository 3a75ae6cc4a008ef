package furniture.catalog.migrations.schema;

import java.util.ArrayList;
import java.util.List;

/** The text of a generated migration: statements one per line group, each after its {@code -- review:} note. */
public final class Scripts {
    private Scripts() {}

    /** The upgrade: every change's statements in order. */
    public static String upgrade(List<Change> changes) {
        StringBuilder s = new StringBuilder();
        for (Change c : changes) {
            s.append("-- ").append(c.describe()).append('\n');
            review(s, c);
            for (String statement : c.up()) {
                s.append(statement).append(";\n");
            }
        }
        return s.toString();
    }

    /** The downgrade: the changes in reverse order, each one's inverse statements. */
    public static String downgrade(List<Change> changes) {
        List<Change> reversed = new ArrayList<>(changes);
        java.util.Collections.reverse(reversed);
        StringBuilder s = new StringBuilder();
        for (Change c : reversed) {
            if (c.down().isEmpty()) {
                continue;
            }
            s.append("-- undoes: ").append(c.describe()).append('\n');
            if (c.down().stream().anyMatch(d -> d.startsWith("DROP TABLE") || d.contains(" DROP COLUMN "))) {
                s.append("-- review: drops data\n");
            }
            for (String statement : c.down()) {
                s.append(statement).append(";\n");
            }
        }
        return s.toString();
    }

    private static void review(StringBuilder s, Change c) {
        if (c.review() != null) {
            s.append("-- review: ").append(c.review()).append('\n');
        }
    }
}
