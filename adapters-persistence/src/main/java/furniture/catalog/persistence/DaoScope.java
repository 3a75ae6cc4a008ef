package furniture.catalog.persistence;

import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The DAO: inside one of our transactions ({@link JdbiTransactions#inTransaction}), attached once to the
 * transaction's handle, so each statement runs on it without JDBI's per-call extension lookup (JDBI's advice for hot
 * paths); outside, an on-demand SqlObject that opens a handle per call (the rare statements that need it, such as
 * naming the holder of a taken name). Also remembers whether this thread is inside one of our transactions.
 */
final class DaoScope {
    private final Jdbi jdbi;
    private final RecordDao dao;
    private final ThreadLocal<RecordDao> attached = new ThreadLocal<>();

    DaoScope(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(RecordDao.class);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    RecordDao dao() {
        RecordDao inTransaction = attached.get();
        return inTransaction != null ? inTransaction : dao;
    }

    boolean inTransaction() {
        return attached.get() != null;
    }

    /** Runs {@code work} with the DAO attached to {@code handle}, the transaction's. */
    <R> R bound(Handle handle, Supplier<R> work) {
        attached.set(handle.attach(RecordDao.class));
        try {
            return work.get();
        } finally {
            attached.remove();
        }
    }
}
