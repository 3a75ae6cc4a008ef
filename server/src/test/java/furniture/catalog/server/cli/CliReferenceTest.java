package furniture.catalog.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/cli.md is every command's {@code --help}, exactly as it prints: the reference cannot drift from the commands.
 * After changing a command, regenerate it with {@code ./mvnw -pl server verify -Dtest=CliReferenceTest -Dcatalog.docs.write=true}.
 */
class CliReferenceTest {
    private static final Path DOC = Path.of(System.getProperty("catalog.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("docs").resolve("cli.md");

    /** The reference, as {@link #main} prints it in a JVM whose environment sets no CATALOG_ variable (help shows defaults). */
    static String reference() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CliReferenceTest.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("CATALOG_") || k.startsWith("OTEL_"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    public static void main(String[] args) {
        StringBuilder doc = new StringBuilder("""
                # The `catalog` command line

                Every command's `--help`, as it prints (`catalog help COMMAND` prints the same). Generated from the commands
                themselves: `CliReferenceTest` fails when this file and the commands differ.

                """);
        for (String command : NewcomerPathTest.commands().toList()) {
            String[] words = command.isEmpty() ? new String[] {"--help"} : (command + " --help").split(" ");
            doc.append("## `catalog").append(command.isEmpty() ? "" : " " + command).append("`\n\n```text\n")
                    .append(Cli.run(words).out().stripTrailing()).append("\n```\n\n");
        }
        System.out.print(doc.toString().stripTrailing() + "\n");
    }

    @Test
    void theReferenceIsWhatTheCommandsPrint() throws Exception {
        String expected = reference();
        if (Boolean.getBoolean("catalog.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual, "docs/cli.md differs from the commands' --help; regenerate it with "
                + "./mvnw -pl server verify -Dtest=CliReferenceTest -Dcatalog.docs.write=true");
    }

    @Test
    void theReadmeNamesEveryOptionOfTheDbCommands() throws Exception {
        String readme = Files.readString(DOC.getParent().getParent().resolve("README.md"), StandardCharsets.UTF_8);
        for (String option : List.of("--db-url", "--db-user", "--db-password", "--db-password-file", "--home", "--lock-lease",
                "--lock-wait", "--large-table-rows", "--backup-dir", "--migrations")) {
            org.junit.jupiter.api.Assertions.assertTrue(readme.contains("`" + option + "`"), "the README's table lacks " + option);
            org.junit.jupiter.api.Assertions.assertTrue(Cli.run("db", "upgrade", "--help").out().contains(option), option);
        }
    }
}
