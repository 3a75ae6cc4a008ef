package furniture.catalog.migrations.lock;

import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationException;
import furniture.catalog.migrations.history.SchemaHistory;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The cluster-wide migration lock: a lease, held as the one row of {@value #TABLE}, that every command changing the
 * schema or its history takes first.
 *
 * <p>{@code GET_LOCK}, which Flyway's migrate and our {@link MigrationLock} take, is per server: on a Galera cluster two
 * processes on two nodes both get it. A row is replicated instead. Taking the lease is a single autocommit write of the
 * row with id 1 (an INSERT when there is none, an UPDATE of one whose lease has expired); on Galera, two such writes on
 * two nodes conflict in certification and one of them fails with a deadlock error, so at most one process holds the
 * row. On a single server the row lock does the same. Times are the database's ({@code UTC_TIMESTAMP}, kept in
 * DATETIME columns that no session time zone shifts), so the clocks of the hosts running {@code catalog} do not matter.
 *
 * <p>The holder renews the lease every third of its length on a connection of its own, so a long ALTER keeps it; a
 * process that is killed stops renewing, and the next one takes the lease over once it has expired. {@code catalog db
 * unlock} deletes the row by hand. The per-server lock stays inside the lease, so on a single server our commands and
 * a bare Flyway still exclude each other.
 */
public final class MigrationLease implements AutoCloseable {
    public static final String TABLE = "catalog_migration_lock";

    /** How long a lease lasts unrenewed, how long a command waits for one, and who hears about the wait. */
    public record Settings(Duration lease, Duration patience, Consumer<String> notices) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(30), Duration.ofMinutes(10), line -> { });

        public Settings {
            if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw MigrationException.usage("the migration lock's lease must be at least 1s (got " + lease + ")");
            }
        }
    }

    /** Who holds the lease, as the row says. */
    public record Holder(String owner, String command, String host, long pid, Instant acquiredAt, Instant expiresAt, boolean expired) {
        public String describe() {
            return "`" + command + "` on " + host + " (pid " + pid + "), since " + acquiredAt
                    + (expired ? ", its lease expired at " + expiresAt : ", its lease runs to " + expiresAt);
        }
    }

    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final Duration POLL = Duration.ofMillis(250);

    private final Connection connection;
    private final String owner;
    private final Duration lease;
    private final ScheduledExecutorService renewer;
    private final AtomicReference<String> lost = new AtomicReference<>();

    private MigrationLease(Connection connection, String owner, Duration lease) {
        this.connection = connection;
        this.owner = owner;
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-migration-lease");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease for {@code command} on a connection of its own from {@code connector}, waiting up to the
     * settings' wait while another process holds a live one; takes over one that has expired.
     */
    public static MigrationLease acquire(DatabaseConnector connector, String command, Settings settings) {
        Connection c = null;
        try {
            c = connector.connect();
            c.setAutoCommit(true);
            createTable(c);
            String owner = UUID.randomUUID().toString();
            Instant deadline = Instant.now().plus(settings.patience());
            String lastNotice = null;
            while (true) {
                Optional<Holder> taken = tryTake(c, owner, command, settings.lease());
                if (taken.isEmpty()) {
                    MigrationLease held = new MigrationLease(c, owner, settings.lease());
                    c = null;
                    return held;
                }
                Holder holder = taken.get();
                if (holder.owner().equals(owner)) {
                    // Our write committed, but the statement reported a conflict on the way (a retried certification).
                    MigrationLease held = new MigrationLease(c, owner, settings.lease());
                    c = null;
                    return held;
                }
                String notice = "waiting for the migration lock, held by " + holder.describe();
                if (!notice.equals(lastNotice)) {
                    settings.notices().accept(notice);
                    lastNotice = notice;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw MigrationException.failure("gave up after " + settings.patience().toSeconds() + " s"
                            + " waiting for the migration lock, held by " + holder.describe()
                            + "; if that process is gone, wait for its lease to expire or run `catalog db unlock`");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (SQLException e) {
            throw connector.explain(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MigrationException.failure("interrupted while waiting for the migration lock", e);
        } finally {
            closeQuietly(c);
        }
    }

    /** Who holds the lease now, if anyone (expired or not). */
    public static Optional<Holder> holder(Connection c) throws SQLException {
        if (!new SchemaHistory(c).tableExists(TABLE)) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT owner, command, host, pid, acquired_at, "
                + "expires_at, expires_at < UTC_TIMESTAMP(3) FROM " + TABLE + " WHERE id = 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                    utc(rs.getString(5)), utc(rs.getString(6)), rs.getBoolean(7)));
        }
    }

    /** {@code catalog db unlock}: deletes the lease whoever holds it; returns who did. */
    public static Optional<Holder> breakLease(Connection c) throws SQLException {
        Optional<Holder> holder = holder(c);
        if (holder.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = 1 AND owner = ?")) {
                ps.setString(1, holder.get().owner());
                ps.executeUpdate();
            }
        }
        return holder;
    }

    /**
     * The lease was taken from this process while it held it ({@code catalog db unlock}, or a renewal that failed for
     * longer than the lease): what happened, for the command to report.
     */
    public Optional<String> lost() {
        return Optional.ofNullable(lost.get());
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = 1 AND owner = ?")) {
            ps.setString(1, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            // The lease expires by itself; the command's own outcome is what the user needs to hear.
        } finally {
            closeQuietly(connection);
        }
    }

    private void renew() {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + TABLE + " SET expires_at = UTC_TIMESTAMP(3) + "
                + "INTERVAL ? MICROSECOND WHERE id = 1 AND owner = ?")) {
            ps.setLong(1, lease.toNanos() / 1000);
            ps.setString(2, owner);
            if (ps.executeUpdate() == 0) {
                lost.compareAndSet(null, "the migration lock was taken from this process while it ran "
                        + "(`catalog db unlock`, or a lease that expired unrenewed)");
            }
        } catch (SQLException e) {
            // A failed renewal is retried on the next tick; the lease is only lost once the row says so.
        }
    }

    private static void createTable(Connection c) throws SQLException {
        if (new SchemaHistory(c).tableExists(TABLE)) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id TINYINT NOT NULL PRIMARY KEY, owner CHAR(36) NOT NULL, "
                    + "command VARCHAR(100) NOT NULL, host VARCHAR(255) NOT NULL, pid BIGINT NOT NULL, "
                    + "acquired_at DATETIME(3) NOT NULL, expires_at DATETIME(3) NOT NULL) "
                    + "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci");
        }
    }

    /** Empty when the lease is now ours; otherwise who holds it. */
    private static Optional<Holder> tryTake(Connection c, String owner, String command, Duration lease) throws SQLException {
        long micros = lease.toNanos() / 1000;
        try {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + TABLE + " (id, owner, command, host, pid, "
                    + "acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND)")) {
                bind(ps, owner, command, micros);
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET owner = ?, command = ?, host = ?, pid = ?, "
                    + "acquired_at = UTC_TIMESTAMP(3), expires_at = UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND "
                    + "WHERE id = 1 AND expires_at < UTC_TIMESTAMP(3)")) {
                bind(ps, owner, command, micros);
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            // Galera's certification failed our write in favour of another node's: that node took it. Read who.
            if (e.getErrorCode() != DEADLOCK && e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
                throw e;
            }
        }
        Optional<Holder> holder = holder(c);
        // Released between our two statements: try again at once.
        return holder.isPresent() ? holder : tryTake(c, owner, command, lease);
    }

    private static void bind(PreparedStatement ps, String owner, String command, long micros) throws SQLException {
        ps.setString(1, owner);
        ps.setString(2, command);
        ps.setString(3, host());
        ps.setLong(4, ProcessHandle.current().pid());
        ps.setLong(5, micros);
    }

    private static Instant utc(String timestamp) {
        return java.time.LocalDateTime.parse(timestamp.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
    }

    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Nothing left to do with it.
            }
        }
    }
}
