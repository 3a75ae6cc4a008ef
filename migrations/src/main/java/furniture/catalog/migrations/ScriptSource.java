package furniture.catalog.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where the migration scripts live: a classpath folder (the build's own scripts) or a filesystem folder (tests, and
 * anyone pointing the CLI at a working copy). Lists file names and reads their text; Flyway is given the same place.
 */
public abstract sealed class ScriptSource {
    /** The scripts packaged with this build. */
    public static final String DEFAULT_CLASSPATH_FOLDER = "db/migration";

    public static ScriptSource classpath() {
        return new Classpath(DEFAULT_CLASSPATH_FOLDER);
    }

    public static ScriptSource directory(Path dir) {
        return new Directory(dir);
    }

    /** Names of the .sql files directly in this folder. */
    public abstract List<String> list();

    /** The text of one file, as UTF-8. */
    public abstract String read(String fileName);

    /** This folder as a Flyway location. */
    public abstract String flywayLocation();

    static final class Directory extends ScriptSource {
        private final Path dir;

        Directory(Path dir) {
            this.dir = dir.toAbsolutePath();
        }

        @Override
        public List<String> list() {
            if (!Files.isDirectory(dir)) {
                throw MigrationException.failure("migration folder " + dir + " does not exist");
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String read(String fileName) {
            try {
                return Files.readString(dir.resolve(fileName), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String flywayLocation() {
            return "filesystem:" + dir;
        }
    }

    static final class Classpath extends ScriptSource {
        private final String folder;

        Classpath(String folder) {
            this.folder = folder;
        }

        @Override
        public List<String> list() {
            try {
                List<String> names = new ArrayList<>();
                for (URL url : Collections.list(loader().getResources(folder))) {
                    if ("jar".equals(url.getProtocol())) {
                        listJar(url, names);
                    } else if ("file".equals(url.getProtocol())) {
                        names.addAll(new Directory(Path.of(url.toURI())).list());
                    }
                }
                return names.stream().distinct().sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private void listJar(URL url, List<String> names) throws IOException {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = folder + "/";
                for (JarEntry entry : Collections.list(jar.entries())) {
                    String name = entry.getName();
                    if (name.startsWith(prefix) && name.endsWith(".sql") && name.indexOf('/', prefix.length()) < 0) {
                        names.add(name.substring(prefix.length()));
                    }
                }
            }
        }

        @Override
        public String read(String fileName) {
            try (InputStream in = loader().getResourceAsStream(folder + "/" + fileName)) {
                if (in == null) {
                    throw MigrationException.failure("migration script " + fileName + " is not in this build");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String flywayLocation() {
            return "classpath:" + folder;
        }

        private static ClassLoader loader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : ScriptSource.class.getClassLoader();
        }
    }
}
