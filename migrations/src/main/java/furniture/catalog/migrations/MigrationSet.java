package furniture.catalog.migrations;

import furniture.catalog.migrations.history.FlywayChecksum;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The migrations of one {@link ScriptSource}, in version order, checked for the mistakes a merge can make. */
public final class MigrationSet {
    private static final Pattern FILE = Pattern.compile("([VD])(\\d+)__(.+)\\.sql");

    private final ScriptSource source;
    private final List<Migration> migrations;

    private MigrationSet(ScriptSource source, List<Migration> migrations) {
        this.source = source;
        this.migrations = migrations;
    }

    /**
     * Reads the folder. Fails when two upgrade scripts claim one version (two branches that each added a migration) or
     * when an upgrade script has no downgrade script beside it.
     */
    public static MigrationSet load(ScriptSource source) {
        Map<Integer, List<String>> ups = new TreeMap<>();
        Map<Integer, List<String>> downs = new TreeMap<>();
        for (String name : source.list()) {
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                continue;
            }
            int version = Integer.parseInt(m.group(2));
            (m.group(1).equals("V") ? ups : downs).computeIfAbsent(version, v -> new ArrayList<>()).add(name);
        }
        List<Migration> migrations = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : ups.entrySet()) {
            int version = e.getKey();
            List<String> scripts = e.getValue();
            if (scripts.size() > 1) {
                throw MigrationException.failure("two migrations claim version " + version + ": " + String.join(", ", scripts)
                        + " (two branches each added one); run `catalog db merge` to give the one added later the next free version");
            }
            String script = scripts.get(0);
            String downgrade = "D" + script.substring(1);
            if (!downs.getOrDefault(version, List.of()).contains(downgrade)) {
                throw MigrationException.failure("migration " + version + " (" + script + ") has no downgrade script " + downgrade);
            }
            Matcher m = FILE.matcher(script);
            m.matches();
            String description = m.group(3).replace('_', ' ');
            migrations.add(new Migration(version, description, script, downgrade, FlywayChecksum.of(source.read(script))));
        }
        return new MigrationSet(source, Collections.unmodifiableList(migrations));
    }

    public ScriptSource source() {
        return source;
    }

    public List<Migration> all() {
        return migrations;
    }

    /** The latest version, or 0 when there are no migrations. */
    public int head() {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    public Optional<Migration> find(int version) {
        return migrations.stream().filter(m -> m.version() == version).findFirst();
    }

    public Optional<Migration> byAlembicRevision(String revision) {
        return migrations.stream().filter(m -> m.alembicRevision().filter(revision::equals).isPresent()).findFirst();
    }

    /** Migrations with {@code from < version <= to}, ascending. */
    public List<Migration> between(int from, int to) {
        return migrations.stream().filter(m -> m.version() > from && m.version() <= to).toList();
    }

    /** The version just below {@code version} in this set, 0 (base) for the first. */
    public int previous(int version) {
        int previous = 0;
        for (Migration m : migrations) {
            if (m.version() >= version) {
                break;
            }
            previous = m.version();
        }
        return previous;
    }

    /**
     * A version named by the user: a number this build knows, an Alembic revision id of the Python original, or
     * {@code base} (0) / {@code head}.
     */
    public int resolve(String token) {
        String t = token.trim();
        if (t.equals("base")) {
            return 0;
        }
        if (t.equals("head")) {
            return head();
        }
        if (t.matches("\\d+")) {
            int version;
            try {
                version = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw MigrationException.usage("unknown version " + t + ": this build knows " + knownRange());
            }
            if (find(version).isEmpty()) {
                throw MigrationException.usage("unknown version " + t + ": this build knows " + knownRange());
            }
            return version;
        }
        if (t.matches("[0-9a-f]{12}")) {
            return byAlembicRevision(t).map(Migration::version).orElseThrow(() -> MigrationException.usage(
                    "unknown revision " + t + ": it is none of the Python original's revisions this build reproduces"));
        }
        throw MigrationException.usage("'" + t + "' is not a version: give a number (" + knownRange()
                + "), an Alembic revision id, head or base");
    }

    private String knownRange() {
        return migrations.isEmpty() ? "no migrations" : migrations.get(0).version() + " to " + head();
    }
}
