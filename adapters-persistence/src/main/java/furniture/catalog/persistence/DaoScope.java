package furniture.catalog.persistence;

import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The DAO, made once: an on-demand SqlObject, which JDBI runs on the transaction's handle when called inside
 * {@link JdbiTransactions#inTransaction} on the same thread (JDBI's per-thread handle scope), and on a handle of its
 * own otherwise. Also remembers whether this thread is inside one of our transactions.
 */
final class DaoScope {
    private final Jdbi jdbi;
    private final RecordDao dao;
    private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);

    DaoScope(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(RecordDao.class);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    RecordDao dao() {
        return dao;
    }

    boolean inTransaction() {
        return inTransaction.get();
    }

    <R> R bound(Supplier<R> work) {
        inTransaction.set(true);
        try {
            return work.get();
        } finally {
            inTransaction.set(false);
        }
    }
}
