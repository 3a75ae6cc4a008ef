package furniture.catalog.server.cli;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import furniture.catalog.migrations.CheckResult;
import furniture.catalog.migrations.Migration;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.MigrationSet;
import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.history.HistoryEntry;
import java.time.Instant;
import java.util.List;

/**
 * The {@code --json} shapes of {@code current}, {@code history} and {@code check}, for deploy pipelines: one JSON object
 * on one line, snake_case keys, timestamps in ISO-8601 UTC, absent values as null. Documented in the README.
 */
final class JsonOutput {
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, (JsonSerializer<Instant>) (instant, type, context) -> new JsonPrimitive(instant.toString()))
            .create();

    /** {@code current --json}. */
    record Current(int version, String description, int head, List<Integer> pending, String line) {}

    /** {@code check --json}. */
    record Check(boolean ok, String message, Integer version, Integer head, Integer pending, List<CheckResult.Drift> drift) {}

    /** {@code history --json}. */
    record History(List<Entry> migrations, List<MigrationEngine.LogEntry> log) {}

    record Entry(int version, String description, String state, Instant appliedAt, String appliedBy, Integer executionMs,
            String checksum, boolean head, List<HistoryEntry.Event> earlier) {}

    /** {@code lint --json}. */
    record Lint(String scope, List<String> scripts, List<Finding> findings, long errors, long warnings, List<String> notChecked) {}

    record Finding(String script, int line, String severity, String rule, String message) {}

    private JsonOutput() {}

    static String lint(furniture.catalog.migrations.lint.LintReport report) {
        return GSON.toJson(new Lint(report.scope(), report.scripts(), report.findings().stream().map(f -> new Finding(f.script(), f.line(),
                f.severity().name().toLowerCase(java.util.Locale.ROOT), f.rule(), f.message())).toList(), report.errors(), report.warnings(),
                report.notRun()));
    }

    static String current(MigrationEngine engine) {
        MigrationSet set = engine.migrations();
        DatabaseState state = engine.state();
        int version = state.version();
        return GSON.toJson(new Current(version, set.find(version).map(Migration::description).orElse(null), set.head(),
                set.between(version, set.head()).stream().map(Migration::version).toList(), engine.current()));
    }

    static String check(MigrationEngine engine, CheckResult result) {
        return GSON.toJson(new Check(result.ok(), result.message(), result.version() < 0 ? null : result.version(),
                engine.migrations().head(), result.pending() < 0 ? null : result.pending(), result.drift()));
    }

    static String history(List<HistoryEntry> entries, List<MigrationEngine.LogEntry> log) {
        return GSON.toJson(new History(entries.stream().map(e -> new Entry(e.version(), e.description(), e.state(), e.appliedAt(),
                e.appliedBy(), e.executionMs(), e.checksumState(), e.head(), e.earlier())).toList(), log));
    }
}
