package furniture.catalog.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the catalog CLI in this JVM, or as its own process, and keeps what it printed. Processes it starts are destroyed
 * after their test class ({@link ChildProcesses}, registered for every class) and when this JVM ends, so a test that
 * fails halfway cannot leave a {@code catalog serve} holding a port for the classes after it.
 */
public record Cli(int exitCode, String out, String err) {
    private static final java.util.Set<Process> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Cli::destroyStarted, "cli-children"));
    }

    /** Destroys the processes started here that are still running; how many there were. */
    public static int destroyStarted() {
        int alive = 0;
        for (Process p : STARTED) {
            if (p.isAlive()) {
                alive++;
                p.destroyForcibly();
            }
            STARTED.remove(p);
        }
        return alive;
    }

    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CatalogCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** A separate JVM running {@code catalog ARGS}, with {@code env} changes (a null value removes the variable). */
    public static Process start(Map<String, String> env, Path workDir, String... args) throws IOException {
        return start(env, workDir, null, args);
    }

    /** As {@link #start(Map, Path, String...)}, with stderr going to {@code errFile} when it is not null. */
    public static Process start(Map<String, String> env, Path workDir, Path errFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CatalogCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        if (errFile != null) {
            builder.redirectError(errFile.toFile());
        }
        Process process = builder.start();
        STARTED.add(process);
        return process;
    }

    /**
     * A file holding the test database's password, for {@code --db-password-file}: the way the README says to pass it
     * (a password on the command line gets a warning, which would be part of every command's output).
     */
    public static Path passwordFile(furniture.catalog.testkit.TestDatabase db) {
        try {
            Path file = java.nio.file.Files.createTempFile("catalog-test-password", "");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, db.password() == null ? "" : db.password());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The db commands that change the schema, and so take --backup-dir, --lock-wait and the like. */
    public static final java.util.Set<String> SCHEMA_CHANGING = java.util.Set.of("upgrade", "downgrade", "stamp", "restore");

    /** Copies the build's migration scripts into {@code dir}, to change in a test; returns {@code dir}. */
    public static Path copyBuiltInScripts(Path dir) throws IOException {
        furniture.catalog.migrations.ScriptSource built = furniture.catalog.migrations.ScriptSource.classpath();
        for (String name : built.list()) {
            java.nio.file.Files.writeString(dir.resolve(name), built.read(name));
        }
        return dir;
    }

    /**
     * {@code catalog db ARGS} on {@code db}, with the scripts of {@code scripts}; the commands that change the schema also
     * get {@code --backup-dir=backups} (the others do not take it).
     */
    public static Cli db(furniture.catalog.testkit.TestDatabase db, Path scripts, Path backups, String... args) {
        List<String> all = new ArrayList<>(List.of("db"));
        all.addAll(List.of(args));
        all.addAll(List.of("--migrations=" + scripts, "--db-url=" + db.url(), "--db-user=" + db.user(), "--db-password-file=" + passwordFile(db)));
        if (List.of("upgrade", "downgrade", "restore", "stamp").contains(args[0])) {
            all.add("--backup-dir=" + backups);
        }
        return run(all.toArray(String[]::new));
    }

    public static Cli finish(Process process) throws Exception {
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("catalog did not finish");
        }
        return new Cli(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
