package furniture.catalog.migrations;

import furniture.catalog.migrations.history.DatabaseState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** {@code restore}: a backup file put back, at the version it was taken from. */
final class Restore {
    private final MigrationContext ctx;

    Restore(MigrationContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Runs a backup file the data-loss guard wrote, in one transaction, after checking that the database is at the
     * version whose schema the rows fit. Returns how many rows it wrote.
     */
    long restore(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MigrationException.usage("cannot read " + file + ": " + MigrationContext.why(e));
        }
        BackupFile.Header header = BackupFile.header(text).orElseThrow(() -> MigrationException.usage(file
                + " is not a backup written by catalog db downgrade (no '-- catalog-backup:' line)"));
        MigrationSet set = ctx.migrations();
        try (Connection c = ctx.connector().connect()) {
            DatabaseState state = MigrationContext.state(c);
            Status.problem(set, state).ifPresent(problem -> {
                throw MigrationException.failure("cannot restore " + file + " now: " + problem);
            });
            int version = state.version();
            if (version != header.from()) {
                throw MigrationException.failure("the backup holds rows of version " + header.from() + " and the database is at "
                        + (version == 0 ? "base" : version) + "; run `catalog db " + (version < header.from() ? "upgrade" : "downgrade")
                        + " " + header.from() + "` first" + (set.find(header.from()).isEmpty() ? " (this build does not know "
                        + header.from() + ")" : ""));
            }
            try {
                return BackupFile.replay(c, text);
            } catch (SQLException e) {
                throw MigrationException.failure("restoring " + file + " failed, nothing was written: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }
}
