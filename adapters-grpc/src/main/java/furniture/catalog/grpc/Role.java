package furniture.catalog.grpc;

import java.util.Locale;

/** What a caller may do: readers read, editors also write, admins also purge. */
public enum Role {
    READER, EDITOR, ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a role: use reader, editor or admin");
        }
    }

    /** The role a method of a catalog service needs, from its AIP verb. */
    static Role neededFor(String methodName) {
        if (methodName.startsWith("Get") || methodName.startsWith("List")) {
            return READER;
        }
        if (methodName.startsWith("Purge")) {
            return ADMIN;
        }
        return EDITOR;
    }
}
