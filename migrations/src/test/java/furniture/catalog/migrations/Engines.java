package furniture.catalog.migrations;

import furniture.catalog.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Engines and migration folders for tests. */
final class Engines {
    private Engines() {}

    static DatabaseConnector connector(TestDatabase db) {
        return new DatabaseConnector(db.url(), db.user(), db.password());
    }

    /** An engine on the build's own scripts. */
    static MigrationEngine engine(TestDatabase db, Path backups) {
        return new MigrationEngine(connector(db), ScriptSource.classpath(), "test", backups, Clock.systemUTC());
    }

    static MigrationEngine engine(TestDatabase db, Path backups, Path scripts) {
        return new MigrationEngine(connector(db), ScriptSource.directory(scripts), "test", backups, Clock.systemUTC());
    }

    /** A copy of the build's scripts in {@code dir}, to change in a test. */
    static Path copyOfScripts(Path dir) throws IOException {
        ScriptSource source = ScriptSource.classpath();
        for (String name : source.list()) {
            Files.writeString(dir.resolve(name), source.read(name));
        }
        return dir;
    }

    static List<Step> upgrade(MigrationEngine engine, String target) {
        List<Step> steps = new ArrayList<>();
        engine.upgrade(target, steps::add);
        return steps;
    }

    static List<Step> downgrade(MigrationEngine engine, String target) {
        return engine.downgrade(target, false, s -> { }).steps();
    }
}
