package furniture.catalog.migrations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code catalog db} workflow on Flyway: upgrade (Flyway's migrate), and what Flyway Community lacks — downgrade
 * through the {@code D<n>__*.sql} scripts, stamp, current, history, check, restore — done on Flyway's own history table
 * and under Flyway's own lock. Read-only commands do not start Flyway at all, which keeps them fast. Each command is
 * one part ({@link Status}, {@link Upgrade}, {@link Downgrade}, {@link Restore}, {@link Stamp}; the lock is
 * {@link MigrationLock}); this class is their one door.
 */
public final class MigrationEngine {
    private final MigrationContext ctx;
    private final Status status;
    private final ScriptSource source;
    private final String installedBy;
    private final Path backupDir;
    private final Clock clock;

    public MigrationEngine(DatabaseConnector connector, ScriptSource source, String installedBy, Path backupDir, Clock clock) {
        this.ctx = new MigrationContext(connector, source, installedBy, backupDir, clock);
        this.status = new Status(ctx);
        this.source = source;
        this.installedBy = installedBy;
        this.backupDir = backupDir;
        this.clock = clock;
    }

    /** This engine reaching the database through {@code connector} (e.g. with other timeouts). */
    public MigrationEngine through(DatabaseConnector connector) {
        return new MigrationEngine(connector, source, installedBy, backupDir, clock);
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
        return status.check();
    }

    /**
     * Migrates to {@code target}: {@code head}, a version, an Alembic revision, or {@code +N} steps. A Flask-Migrate
     * database is first adopted: its revision is recorded as Flyway's baseline, and no DDL runs for it.
     */
    public List<Step> upgrade(String target, Consumer<Step> progress) {
        return new Upgrade(ctx).upgrade(target, progress);
    }

    /**
     * Runs downgrade scripts down to {@code target}: {@code -N} steps, a version, an Alembic revision or {@code base}.
     * Refuses when a script would drop data, unless {@code allowDataLoss}; then that data goes to a backup file first.
     */
    public DowngradeResult downgrade(String target, boolean allowDataLoss, Consumer<Step> progress) {
        return new Downgrade(ctx).downgrade(target, allowDataLoss, progress);
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
        return new Restore(ctx).restore(file);
    }

    /** Records {@code target} as the current version without running any DDL. */
    public int stamp(String target) {
        return new Stamp(ctx).stamp(target);
    }

    /** What a downgrade did: the steps, and the backup file when data had to be saved. */
    public record DowngradeResult(List<Step> steps, Optional<Path> backup) {}
}
