package furniture.catalog.migrations.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL script: CRC32 over the UTF-8 bytes of each line without its line break, a leading
 * byte-order mark ignored. Computed here so that read-only commands ({@code current}, {@code check}) need not start
 * Flyway; a test compares it with what Flyway itself records.
 */
public final class FlywayChecksum {
    private FlywayChecksum() {}

    public static int of(String script) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(script))) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = reader.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }
}
