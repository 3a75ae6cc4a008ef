package furniture.catalog.migrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code catalog db revision -m MESSAGE}: writes the next numbered migration and its downgrade script, empty but for a
 * header, into a source folder (Flask-Migrate's {@code flask db revision}).
 */
public final class RevisionWriter {
    private final Path folder;
    private final Clock clock;

    public RevisionWriter(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /** The two files written: the upgrade script, then the downgrade script. */
    public List<Path> write(String message) {
        if (message == null || message.isBlank()) {
            throw MigrationException.usage("a revision needs a message: catalog db revision -m \"what it changes\"");
        }
        String slug = message.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        if (slug.isEmpty()) {
            throw MigrationException.usage("the message must contain letters or digits to name the file");
        }
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("_$", "");
        }
        MigrationSet existing = MigrationSet.load(ScriptSource.directory(folder));
        int previous = existing.head();
        int version = previous + 1;
        String date = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(clock.instant());
        String name = version + "__" + slug + ".sql";
        String previousText = previous == 0 ? "base" : existing.find(previous).map(Migration::label).orElseThrow();
        String header = "-- " + message.strip() + "\n-- Version " + version + ", created " + date + ", revises " + previousText + ".\n";
        Path up = folder.resolve("V" + name);
        Path down = folder.resolve("D" + name);
        try {
            Files.writeString(up, header + "-- Write the upgrade here. MySQL DDL is not transactional: keep one change per statement.\n\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
            Files.writeString(down, header + "-- Write the downgrade here: it must undo the upgrade of version " + version + " exactly.\n\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw MigrationException.failure("cannot write the revision in " + folder + ": " + e.getMessage(), e);
        }
        return List.of(up, down);
    }
}
