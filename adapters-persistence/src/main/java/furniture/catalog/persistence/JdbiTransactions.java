package furniture.catalog.persistence;

import furniture.catalog.application.port.out.Transactions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs work in one READ COMMITTED transaction on one handle, which the repository's calls on this thread join. A
 * deadlock or lock-wait timeout rolls it back and runs it again, at most {@value #ATTEMPTS} times in all.
 */
final class JdbiTransactions implements Transactions {
    static final int ATTEMPTS = 4;

    private final DaoScope scope;

    JdbiTransactions(DaoScope scope) {
        this.scope = scope;
    }

    @Override
    public <R> R inTransaction(Supplier<R> work) {
        if (scope.inTransaction()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return scope.jdbi().inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> scope.bound(work));
            } catch (RuntimeException e) {
                if (!StorageErrors.retryable(e) || attempt == ATTEMPTS) {
                    throw StorageErrors.translate(e);
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
