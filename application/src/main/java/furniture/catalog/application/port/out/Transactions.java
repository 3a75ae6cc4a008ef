package furniture.catalog.application.port.out;

import java.util.function.Supplier;

/** A transaction boundary: the work runs all or nothing, and is retried a bounded number of times on a deadlock. */
public interface Transactions {
    <R> R inTransaction(Supplier<R> work);
}
