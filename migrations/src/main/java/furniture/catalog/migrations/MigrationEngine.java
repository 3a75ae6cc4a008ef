package furniture.catalog.migrations;

import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.history.HistoryEntry;
import furniture.catalog.migrations.lock.MigrationLease;
import furniture.catalog.migrations.lock.MigrationLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code catalog db} workflow on Flyway: upgrade (Flyway's migrate), and what Flyway Community lacks — downgrade
 * through the {@code D<n>__*.sql} scripts, stamp, current, history, check, restore — done on Flyway's own history table
 * and under Flyway's own lock. Read-only commands do not start Flyway at all, which keeps them fast. Each command is
 * one part ({@link Status}, {@link Upgrade}, {@link Downgrade}, {@link Restore}, {@link Stamp}; the locks are
 * {@link MigrationLease}, cluster-wide, and {@link MigrationLock}, Flyway's on one server); this class is their one door.
 */
public final class MigrationEngine {
    private final MigrationContext ctx;
    private final Status status;
    private final ModelCompare model;

    public MigrationEngine(DatabaseConnector connector, ScriptSource source, String installedBy, Path backupDir, Clock clock) {
        this(new MigrationContext(connector, source, installedBy, backupDir, clock, MigrationLease.Settings.DEFAULT,
                LargeTables.DEFAULT_THRESHOLD), null);
    }

    private MigrationEngine(MigrationContext ctx, ModelCompare model) {
        this.ctx = ctx;
        this.status = new Status(ctx);
        this.model = model;
    }

    /** This engine on another context; the model, if any, comes along. */
    private MigrationEngine on(MigrationContext next) {
        return new MigrationEngine(next, model == null ? null : model.on(next));
    }

    /** This engine reaching the database through {@code connector} (e.g. with other timeouts). */
    public MigrationEngine through(DatabaseConnector connector) {
        return on(ctx.with(connector, ctx.lease(), ctx.largeTableRows()));
    }

    /**
     * This engine with the migration lock's times: a holder's lease lasts {@code lease} unrenewed (a killed process's
     * lock is taken over that long after its last renewal), and a command waits up to {@code wait} for the lock,
     * telling {@code notices} who holds it.
     */
    public MigrationEngine withLock(Duration lease, Duration wait, Consumer<String> notices) {
        return on(ctx.with(ctx.connector(), new MigrationLease.Settings(lease, wait, notices), ctx.largeTableRows()));
    }

    /**
     * This engine with another large-table threshold: an upgrade refuses an ALTER that would copy, or block writes to,
     * a table of at least {@code rows} rows, unless it is allowed to (default 100,000).
     */
    public MigrationEngine withLargeTableRows(long rows) {
        if (rows < 1) {
            throw MigrationException.usage("the large-table threshold must be at least 1 row (got " + rows + ")");
        }
        return on(ctx.with(ctx.connector(), ctx.lease(), rows));
    }

    /**
     * This engine comparing the live schema with {@code model} (named {@code modelName} in generated files): {@code check}
     * then reports drift at head, and {@code migrate}/{@code diff} work.
     */
    public MigrationEngine withModel(furniture.catalog.migrations.schema.Schema schema, String modelName) {
        MigrationContext next = ctx.with(ctx.connector(), ctx.lease(), ctx.largeTableRows());
        return new MigrationEngine(next, new ModelCompare(next, schema, modelName));
    }

    /** How the live schema differs from the model (none when it is exactly the model); needs {@link #withModel}. */
    public List<furniture.catalog.migrations.schema.Change> drift() {
        return requireModel().changes();
    }

    /**
     * {@code diff}: what {@code migrate} would write, as changes, for a database at head; fails with the steps when it
     * is not at head.
     */
    public List<furniture.catalog.migrations.schema.Change> diff() {
        return requireModel().pendingForMigrate();
    }

    /** {@code migrate -m}: the next V/D pair from the model into {@code folder}; empty when no change was detected. */
    public List<Path> migrate(String message, Path folder) {
        if (message == null || message.isBlank()) {
            throw MigrationException.usage("a migration needs a message: catalog db migrate -m \"what it changes\"");
        }
        return requireModel().migrate(message, folder);
    }

    private ModelCompare requireModel() {
        if (model == null) {
            throw new IllegalStateException("no model: build the engine withModel(...)");
        }
        return model;
    }

    /** The migrations of this build; fails when the scripts themselves are inconsistent. */
    public MigrationSet migrations() {
        return ctx.migrations();
    }

    public DatabaseState state() {
        return ctx.state();
    }

    /** One line: the version the database is at, marked (head) or with the number pending. */
    public String current() {
        return status.current();
    }

    public List<HistoryEntry> history() {
        return status.history();
    }

    /** Exactly at head with valid checksums, or one line that says why not. */
    public CheckResult check() {
        CheckResult result = status.check();
        if (!result.ok() || model == null) {
            return result;
        }
        List<furniture.catalog.migrations.schema.Change> drift = model.changes();
        return drift.isEmpty() ? result : new CheckResult(false, ModelCompare.describe(drift), result.version(), 0,
                drift.stream().map(c -> new CheckResult.Drift(c.describe(), c.breaking())).toList());
    }

    /**
     * Migrates to {@code target}: {@code head}, a version, an Alembic revision, or {@code +N} steps. A Flask-Migrate
     * database is first adopted: its revision is recorded as Flyway's baseline, and no DDL runs for it.
     */
    public List<Step> upgrade(String target, Consumer<Step> progress) {
        return upgrade(target, false, progress);
    }

    /**
     * As {@link #upgrade(String, Consumer)}; first checks every pending ALTER of a large table (see
     * {@link #withLargeTableRows}) and refuses one that would copy the table or block its writes unless
     * {@code allowTableCopy}. Each such ALTER then runs with the algorithm found (MariaDB's {@code alter_algorithm}).
     */
    public List<Step> upgrade(String target, boolean allowTableCopy, Consumer<Step> progress) {
        return upgrade(target, new UpgradeOptions(allowTableCopy, false), progress);
    }

    /**
     * As {@link #upgrade(String, boolean, Consumer)}; also refuses a script that drops a table or column holding rows
     * unless {@code options.allowDataLoss()}, and then saves those rows to a backup file first.
     */
    public List<Step> upgrade(String target, UpgradeOptions options, Consumer<Step> progress) {
        Upgrade upgrade = new Upgrade(ctx);
        if (upgrade.nothingToDo(target)) {
            // Read without the lock, so that replicas starting at head do not queue for it; read again under it.
            return List.of();
        }
        return ctx.leased("catalog db upgrade " + target, () -> upgrade.upgrade(target, options, progress));
    }

    /** What an upgrade may do beyond the default: copy large tables, drop data (after a backup). */
    public record UpgradeOptions(boolean allowTableCopy, boolean allowDataLoss) {}

    /**
     * Runs downgrade scripts down to {@code target}: {@code -N} steps, a version, an Alembic revision or {@code base}.
     * Refuses when a script would drop data, unless {@code allowDataLoss}; then that data goes to a backup file first.
     */
    public DowngradeResult downgrade(String target, boolean allowDataLoss, Consumer<Step> progress) {
        return ctx.leased("catalog db downgrade " + target, () -> new Downgrade(ctx).downgrade(target, allowDataLoss, progress));
    }

    /** The SQL {@link #upgrade} would run to {@code target}, history rows included; changes nothing. */
    public String upgradeSql(String target) {
        return new OfflineSql(ctx).upgrade(target);
    }

    /** The SQL {@link #downgrade} would run to {@code target}, history rows included; changes nothing, backs up nothing. */
    public String downgradeSql(String target) {
        return new OfflineSql(ctx).downgrade(target);
    }

    /** Puts back the rows of a backup file a downgrade wrote; returns how many rows it wrote. */
    public long restore(Path file) {
        return ctx.leased("catalog db restore " + file.getFileName(), () -> new Restore(ctx).restore(file));
    }

    /** Records {@code target} as the current version without running any DDL. */
    public int stamp(String target) {
        return ctx.leased("catalog db stamp " + target, () -> new Stamp(ctx).stamp(target));
    }

    /**
     * {@code lint}: the pending scripts (or those with {@code from < version <= to}) read and judged against the database
     * and the model, nothing run. Needs {@link #withModel} for the expand/contract rule.
     */
    public furniture.catalog.migrations.lint.LintReport lint(String from, String to) {
        return Lint.online(ctx, model == null ? null : model.model(), from, to);
    }

    /** {@code lint --offline}: every upgrade script of {@code source} (or a range) by the rules that need no database. */
    public static furniture.catalog.migrations.lint.LintReport lintOffline(ScriptSource source, furniture.catalog.migrations.schema.Schema model,
            String from, String to) {
        return Lint.offline(source, model, from, to);
    }

    /** Who holds the migration lock now, if anyone: one line, for {@code current}, {@code check} and {@code unlock}. */
    public Optional<String> lockHolder() {
        try (java.sql.Connection c = ctx.connector().connect()) {
            return MigrationLease.holder(c).map(MigrationLease.Holder::describe);
        } catch (java.sql.SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    /**
     * {@code unlock}: removes the migration lock whoever holds it, and returns who did. If that process still runs,
     * another migration can now run beside it: for a holder that is gone and whose lease has not expired yet.
     */
    public Optional<String> unlock() {
        try (java.sql.Connection c = ctx.connector().connect()) {
            Optional<String> holder = MigrationLease.breakLease(c).map(MigrationLease.Holder::describe);
            if (holder.isPresent()) {
                new MigrationLog(c).append("unlock", ctx.installedBy(), "removed the migration lock held by " + holder.get());
            }
            return holder;
        } catch (java.sql.SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    /** What stamps and unlocks did, oldest first (Flyway's history holds the rest). */
    public List<LogEntry> log() {
        try (java.sql.Connection c = ctx.connector().connect()) {
            return new MigrationLog(c).entries().stream().map(e -> new LogEntry(e.at(), e.by(), e.host(), e.command(), e.note())).toList();
        } catch (java.sql.SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    /** One entry of {@link #log()}. */
    public record LogEntry(java.time.Instant at, String by, String host, String command, String note) {}

    /** What a downgrade did: the steps, and the backup file when data had to be saved. */
    public record DowngradeResult(List<Step> steps, Optional<Path> backup) {}
}
