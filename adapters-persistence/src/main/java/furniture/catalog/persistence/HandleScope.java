package furniture.catalog.persistence;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The handle of the transaction running on this thread, if any; otherwise a handle for one call. */
final class HandleScope {
    private final Jdbi jdbi;
    private final ThreadLocal<Handle> current = new ThreadLocal<>();

    HandleScope(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    <R> R with(Function<Handle, R> work) {
        Handle handle = current.get();
        if (handle != null) {
            return work.apply(handle);
        }
        return jdbi.withHandle(work::apply);
    }

    boolean inTransaction() {
        return current.get() != null;
    }

    <R> R bound(Handle handle, java.util.function.Supplier<R> work) {
        current.set(handle);
        try {
            return work.get();
        } finally {
            current.remove();
        }
    }
}
