package furniture.catalog.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file the data-loss guard writes before a downgrade drops data. It says which database and versions it belongs
 * to and how to restore it, and sets its own session (character set, time zone, sql_mode, foreign key checks), so any
 * stock client restores it exactly whatever its defaults. Created 0600 in a 0700 folder; forced to disk after every
 * part, before the statements that drop what the part saved.
 */
final class BackupFile {
    private static final Pattern HEADER = Pattern.compile("-- catalog-backup: database=(\\S+) from=(\\d+) to=(\\d+)");
    static final String SESSION = String.join("\n",
            "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci;",
            "SET time_zone = '+00:00';",
            "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION';",
            "SET foreign_key_checks = 0;", "");

    /** What a backup file's header says. */
    record Header(String database, int from, int to) {}

    private final Path file;

    private BackupFile(Path file) {
        this.file = file;
    }

    static BackupFile create(Path dir, String database, int from, int to, Instant at, String name) {
        return create(dir, database, from, to, at, name, "downgrade");
    }

    /** As above, for the rows that {@code catalog db COMMAND} (upgrade or downgrade) is about to drop. */
    static BackupFile create(Path dir, String database, int from, int to, Instant at, String name, String command) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path file = dir.resolve(name);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            BackupFile backup = new BackupFile(file);
            backup.append(out -> out.write(String.join("\n",
                    "-- Rows that `catalog db " + command + "` removed from database `" + database + "` at " + at + ",",
                    "-- going from version " + from + " to " + (to == 0 ? "base" : to) + ".",
                    "-- To restore them: bring the database back to version " + from + " (`catalog db " + (from > to ? "upgrade" : "downgrade")
                            + " " + from + "`), then",
                    "--   catalog db restore " + file,
                    "-- or, with any client: mariadb " + database + " < " + file.getFileName(),
                    "-- Rows of dropped tables are INSERTed; values of dropped columns are written back into their rows.",
                    "-- catalog-backup: database=" + database + " from=" + from + " to=" + to,
                    SESSION)));
            return backup;
        } catch (IOException e) {
            throw MigrationException.failure("cannot write the backup file in " + dir + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return file;
    }

    interface Part {
        void write(Writer out) throws IOException, java.sql.SQLException;
    }

    /** Appends a part and forces the file to disk before returning. */
    void append(Part part) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            part.write(out);
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw MigrationException.failure("cannot read the rows to back up: " + e.getMessage(), e);
        }
    }

    /** Ends the file: the session it changed is set back. */
    void finish() {
        append(out -> out.write("SET foreign_key_checks = 1;\n-- end of backup\n"));
    }

    /**
     * Runs the file's statements, as Flyway's parser splits them (placeholders left alone: a value may hold {@code ${…}}),
     * on {@code c} in one transaction; returns how many rows it wrote or updated.
     */
    static long replay(java.sql.Connection c, String text) throws java.sql.SQLException {
        long rows = 0;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (java.sql.Statement s = c.createStatement()) {
            for (furniture.catalog.migrations.parse.ScriptStatement statement : furniture.catalog.migrations.parse.ScriptSplitter.forData()
                    .split("the backup file", text)) {
                String sql = furniture.catalog.migrations.parse.ScriptStatement.withoutLeadingComments(statement.sql());
                if (sql.regionMatches(true, 0, "SET NAMES", 0, 9)) {
                    continue; // The driver already speaks utf8mb4; SET NAMES behind its back would confuse it.
                }
                int changed = s.executeUpdate(statement.sql());
                if (sql.regionMatches(true, 0, "INSERT", 0, 6) && changed > 0) {
                    rows++;
                }
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            c.rollback();
            throw e;
        } finally {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET foreign_key_checks = 1");
            }
            c.setAutoCommit(autoCommit);
        }
        return rows;
    }

    /** The header of a backup file, if it is one. */
    static Optional<Header> header(String text) {
        Matcher m = HEADER.matcher(text);
        return m.find() ? Optional.of(new Header(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))))
                : Optional.empty();
    }
}
