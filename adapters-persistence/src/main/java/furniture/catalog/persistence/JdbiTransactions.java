package furniture.catalog.persistence;

import furniture.catalog.application.port.out.Transactions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Runs work in one READ COMMITTED transaction on one handle, which the repository's calls on this thread join. A
 * deadlock or lock-wait timeout rolls it back and runs it again, at most {@value #ATTEMPTS} times in all; so does a
 * single write committed on its own ({@link #retrying}).
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
        return retrying(() -> scope.jdbi().inTransaction(TransactionIsolationLevel.READ_COMMITTED, handle -> scope.bound(handle, work)));
    }

    /**
     * Runs {@code work} — a whole transaction, or one statement committed on its own — again after a deadlock or a
     * lock-wait timeout (which roll it back), at most {@value #ATTEMPTS} times in all; the last failure is translated.
     */
    static <R> R retrying(Supplier<R> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
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
