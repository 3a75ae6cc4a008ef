package furniture.catalog.migrations;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One versioned migration known to this build: its upgrade script {@code V<n>__<description>.sql} and the downgrade
 * script {@code D<n>__<description>.sql} beside it.
 *
 * @param version the version it brings the schema to
 * @param description Flyway's description (underscores read as spaces)
 * @param script the upgrade script's file name
 * @param downgradeScript the downgrade script's file name
 * @param checksum Flyway's checksum of the upgrade script
 */
public record Migration(int version, String description, String script, String downgradeScript, int checksum) {
    private static final Pattern ALEMBIC_ID = Pattern.compile("[0-9a-f]{12}");

    /**
     * The Alembic revision of the Python original this migration reproduces, when its description starts with one
     * (version 1 is {@code 5aa5020316c5 create colors table}).
     */
    public Optional<String> alembicRevision() {
        String first = description.split(" ", 2)[0];
        return ALEMBIC_ID.matcher(first).matches() ? Optional.of(first) : Optional.empty();
    }

    /** "3 (6067bf0c7322 add table wood types)". */
    public String label() {
        return version + " (" + description + ")";
    }
}
