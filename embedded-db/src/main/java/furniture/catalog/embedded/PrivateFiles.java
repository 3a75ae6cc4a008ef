package furniture.catalog.embedded;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner may read: the catalog home's passwords and tokens. */
public final class PrivateFiles {
    private PrivateFiles() {}

    /** Creates {@code dir} (and missing parents) as 0700, and tightens one an older version left open. */
    public static void folder(Path dir) throws IOException {
        var mode = PosixFilePermissions.fromString("rwx------");
        if (Files.isDirectory(dir)) {
            Files.setPosixFilePermissions(dir, mode);
        } else {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(mode));
        }
    }

    /**
     * Writes {@code text} to a new 0600 file beside {@code file}, then renames it over {@code file} in one step: never
     * readable by others, never seen half-written.
     */
    public static void write(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(text);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
