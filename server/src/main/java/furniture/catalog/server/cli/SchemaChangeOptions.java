package furniture.catalog.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import furniture.catalog.migrations.MigrationEngine;
import picocli.CommandLine.Option;

/**
 * The options of the commands that change the schema (upgrade, downgrade, stamp, restore, and serve, which may
 * migrate): how they wait for and hold the cluster-wide migration lock, the large-table rule, where dropped rows are
 * saved. The commands that only read it do not take them.
 */
public final class SchemaChangeOptions {
    @Option(names = "--lock-lease", paramLabel = "DURATION", defaultValue = "${env:CATALOG_DB_LOCK_LEASE:-30s}",
            converter = Converters.DurationConverter.class,
            description = "How long the migration lock outlives its holder's last renewal: a killed migration's lock is "
                    + "taken over after this (CATALOG_DB_LOCK_LEASE). Default: ${DEFAULT-VALUE}.")
    Duration lockLease;

    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "${env:CATALOG_DB_LOCK_WAIT:-10m}",
            converter = Converters.DurationConverter.class,
            description = "How long a command that changes the schema waits for the migration lock (CATALOG_DB_LOCK_WAIT). "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration lockWait;

    @Option(names = "--large-table-rows", paramLabel = "ROWS", defaultValue = "${env:CATALOG_DB_LARGE_TABLE_ROWS:-100000}",
            description = "An upgrade refuses an ALTER that would copy, or block writes to, a table of this many rows or more, "
                    + "unless given --allow-table-copy (CATALOG_DB_LARGE_TABLE_ROWS). Default: ${DEFAULT-VALUE}.")
    long largeTableRows = 100_000;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where the rows a migration drops are saved before it drops "
            + "them (downgrade, upgrade --allow-data-loss). Default: <home>/backups.")
    Path backupDir;

    /** The defaults, for commands that do not take these options. */
    static final SchemaChangeOptions DEFAULTS = new SchemaChangeOptions();

    /**
     * {@code engine} with these settings: the lock's times (telling {@code notices} whom it waits for, and what the
     * large-table check found) and the large-table threshold.
     */
    public MigrationEngine tuned(MigrationEngine engine, Consumer<String> notices) {
        return engine.withLock(lockLease == null ? Duration.ofSeconds(30) : lockLease,
                lockWait == null ? Duration.ofMinutes(10) : lockWait, notices).withLargeTableRows(largeTableRows);
    }

    /** Where backups go: --backup-dir, else {@code home}/backups. */
    public Path backups(Path home) {
        return backupDir == null ? home.resolve("backups") : backupDir;
    }
}
