package furniture.catalog.grpc;

import java.util.Locale;

/**
 * What a caller may do: readers read, editors also write, admins also purge. (Not to be confused with the catalog's
 * {@code Role} entity, a record of the store's data.)
 */
public enum AccessLevel {
    READER, EDITOR, ADMIN;

    public boolean allows(AccessLevel needed) {
        return compareTo(needed) >= 0;
    }

    public static AccessLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an access level: use reader, editor or admin");
        }
    }

    /** The access level a method of a catalog service needs, from its AIP verb. */
    static AccessLevel neededFor(String methodName) {
        if (methodName.startsWith("Get") || methodName.startsWith("List")) {
            return READER;
        }
        if (methodName.startsWith("Purge")) {
            return ADMIN;
        }
        return EDITOR;
    }
}
