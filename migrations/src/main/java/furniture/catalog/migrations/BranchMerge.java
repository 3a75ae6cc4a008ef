package furniture.catalog.migrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code catalog db merge}: when two branches each added a migration with the same version (Alembic's "two heads"),
 * keeps the one added first at that version and renumbers the others to the next free versions, V and D scripts
 * together, with their headers ("Version N", "revises …") fixed. Added first: by the commit that added the file when the
 * folder is in git, else by the date in the header {@code revision} wrote, else by the file's time, else by name.
 * Run it before either branch's migration has reached a shared database.
 */
public final class BranchMerge {
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(.+)\\.sql");
    private static final Pattern CREATED = Pattern.compile("-- Version \\d+, created (\\d{4}-\\d{2}-\\d{2})");

    private final Path folder;

    public BranchMerge(Path folder) {
        this.folder = folder;
    }

    /** Renumbers what collides; returns one line per renumbered migration (none when nothing collides). */
    public List<String> merge() {
        try {
            Map<Integer, List<Path>> byVersion = new TreeMap<>();
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Matcher m = SCRIPT.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        byVersion.computeIfAbsent(Integer.parseInt(m.group(1)), v -> new ArrayList<>()).add(file);
                    }
                }
            }
            int next = byVersion.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> done = new ArrayList<>();
            for (Map.Entry<Integer, List<Path>> entry : byVersion.entrySet()) {
                List<Path> claimants = new ArrayList<>(entry.getValue());
                if (claimants.size() < 2) {
                    continue;
                }
                claimants.sort(Comparator.comparingLong(BranchMerge::addedAt).thenComparing(BranchMerge::createdOn)
                        .thenComparingLong(BranchMerge::modified).thenComparing(Path::toString));
                Path kept = claimants.get(0);
                for (Path moved : claimants.subList(1, claimants.size())) {
                    int version = ++next;
                    int previous = version - 1;
                    String previousLabel = previous == entry.getKey() ? label(kept) : Integer.toString(previous);
                    renumber(moved, entry.getKey(), version, previousLabel);
                    done.add("renumbered " + moved.getFileName() + " to " + newName(moved, version) + " (and its downgrade): "
                            + kept.getFileName() + " was added first and keeps version " + entry.getKey());
                }
            }
            return done;
        } catch (IOException e) {
            throw MigrationException.failure("cannot merge the migrations in " + folder + ": " + e.getMessage(), e);
        }
    }

    private void renumber(Path up, int from, int to, String revises) throws IOException {
        String name = up.getFileName().toString().substring(("V" + from + "__").length());
        Path down = folder.resolve("D" + from + "__" + name);
        Files.writeString(folder.resolve("V" + to + "__" + name), fixHeader(Files.readString(up, StandardCharsets.UTF_8), from, to, revises),
                StandardCharsets.UTF_8);
        Files.delete(up);
        if (Files.exists(down)) {
            Files.writeString(folder.resolve("D" + to + "__" + name), fixHeader(Files.readString(down, StandardCharsets.UTF_8), from, to, revises),
                    StandardCharsets.UTF_8);
            Files.delete(down);
        }
    }

    private static String fixHeader(String text, int from, int to, String revises) {
        return text.replaceFirst("-- Version " + from + ", created (\\S+), revises [^\\n]*\\.\\n",
                        "-- Version " + to + ", created $1, revises " + Matcher.quoteReplacement(revises) + ".\n")
                .replace("the upgrade of version " + from + " exactly", "the upgrade of version " + to + " exactly");
    }

    private static String newName(Path up, int version) {
        return up.getFileName().toString().replaceFirst("^V\\d+__", "V" + version + "__");
    }

    private static String label(Path up) {
        Matcher m = SCRIPT.matcher(up.getFileName().toString());
        return m.matches() ? m.group(1) + " (" + m.group(2).replace('_', ' ') + ")" : up.getFileName().toString();
    }

    /** When git first recorded the file (seconds); untracked files count as the newest. */
    private static long addedAt(Path file) {
        try {
            Process git = new ProcessBuilder("git", "log", "--diff-filter=A", "--follow", "--format=%ct", "--", file.getFileName().toString())
                    .directory(file.getParent().toFile()).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("\\d+(\\s+\\d+)*")) {
                String[] times = out.split("\\s+");
                return Long.parseLong(times[times.length - 1]);
            }
        } catch (IOException e) {
            // No git here: the other orderings decide.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Long.MAX_VALUE;
    }

    private static String createdOn(Path file) {
        try {
            Matcher m = CREATED.matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : "9999-99-99";
        } catch (IOException e) {
            return "9999-99-99";
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
