package furniture.catalog.persistence;

import furniture.catalog.application.port.out.DeadlineExceededException;
import furniture.catalog.application.port.out.SchemaMismatchException;
import furniture.catalog.application.port.out.StorageBusyException;
import furniture.catalog.application.port.out.StorageUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what went wrong out of a database error: the one place SQL errors are interpreted. */
final class StorageErrors {
    private static final int DUPLICATE_KEY = 1062;
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int NO_REFERENCED_ROW = 1452;
    private static final int ROW_IS_REFERENCED = 1451;
    /** Unknown column, no such table, a column without a value or default: the schema is not this build's. */
    private static final java.util.Set<Integer> SCHEMA_MISMATCH = java.util.Set.of(1054, 1146, 1364, 1109);
    /** "… a foreign key constraint fails (`db`.`child`, CONSTRAINT `name` FOREIGN KEY (`column`) REFERENCES …". */
    private static final Pattern FOREIGN_KEY = Pattern.compile("constraint fails \\(`?(?:[^`.]+`?\\.`?)?([^`.]+)`?, CONSTRAINT `?[^`]+`? FOREIGN KEY \\(`?([^`)]+)`?\\)");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate entry '(.*)' for key '(?:[^.']+\\.)?([^']+)'", Pattern.DOTALL);

    private StorageErrors() {}

    /** The unique key a write collided with, if that is what happened. */
    static Optional<String> duplicateKey(Throwable e) {
        return sqlException(e).filter(s -> s.getErrorCode() == DUPLICATE_KEY).map(s -> {
            Matcher m = DUPLICATE.matcher(String.valueOf(s.getMessage()));
            return m.find() ? m.group(2) : "name";
        });
    }

    /** The column of a reference to a record that does not exist, if a write failed on that. */
    static Optional<String> missingReference(Throwable e) {
        return foreignKey(e, NO_REFERENCED_ROW).map(m -> m.group(2));
    }

    /** The table whose rows still refer to a record being deleted, if a delete failed on that. */
    static Optional<String> referencedBy(Throwable e) {
        return foreignKey(e, ROW_IS_REFERENCED).map(m -> m.group(1));
    }

    private static Optional<Matcher> foreignKey(Throwable e, int code) {
        return sqlException(e).filter(s -> s.getErrorCode() == code).map(s -> FOREIGN_KEY.matcher(String.valueOf(s.getMessage())))
                .filter(Matcher::find);
    }

    /** A deadlock or lock-wait timeout: the transaction may succeed if run again. */
    static boolean retryable(Throwable e) {
        return sqlException(e).filter(s -> s.getErrorCode() == DEADLOCK || s.getErrorCode() == LOCK_WAIT_TIMEOUT
                || "40001".equals(s.getSQLState())).isPresent();
    }

    /** The store-level exception for {@code e}, or {@code e} itself when it is something else (a bug). */
    static RuntimeException translate(RuntimeException e) {
        DeadlineExceededException deadline = cause(e, DeadlineExceededException.class);
        if (deadline != null) {
            return deadline;
        }
        if (sqlException(e).filter(s -> s instanceof java.sql.SQLTimeoutException || "70100".equals(s.getSQLState())).isPresent()) {
            return new DeadlineExceededException("the caller's deadline passed while the database worked", e);
        }
        if (retryable(e)) {
            return new StorageBusyException("the database kept reporting lock conflicts; try again", e);
        }
        if (unavailable(e)) {
            return new StorageUnavailableException("the database cannot be reached; try again later", e);
        }
        if (sqlException(e).filter(s -> SCHEMA_MISMATCH.contains(s.getErrorCode())).isPresent()) {
            return new SchemaMismatchException("the database's schema is not the one this server reads and writes: a migration "
                    + "ran, or is running, under it; nothing was changed", e);
        }
        return e;
    }

    private static boolean unavailable(Throwable e) {
        return causes(e).stream().anyMatch(t -> t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException
                || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")
                || t.getClass().getName().endsWith("CommunicationsException"));
    }

    private static <X extends Throwable> X cause(Throwable e, Class<X> type) {
        return causes(e).stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    private static Optional<SQLException> sqlException(Throwable e) {
        return Optional.ofNullable(cause(e, SQLException.class));
    }

    /** {@code e} and its causes, outermost first. */
    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
