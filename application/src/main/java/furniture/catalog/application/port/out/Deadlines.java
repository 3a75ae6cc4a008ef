package furniture.catalog.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The caller's deadline for the work running on this thread, set by the inbound adapter (a gRPC call's deadline) and
 * honoured by the outbound ones (the database gets a query timeout from it).
 */
public final class Deadlines {
    private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();

    private Deadlines() {}

    public static <R> R within(Optional<Instant> deadline, Supplier<R> work) {
        if (deadline.isEmpty()) {
            return work.get();
        }
        Instant previous = CURRENT.get();
        CURRENT.set(deadline.get());
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Time left before the deadline (possibly negative), if there is one. */
    public static Optional<Duration> remaining() {
        Instant deadline = CURRENT.get();
        return deadline == null ? Optional.empty() : Optional.of(Duration.between(Instant.now(), deadline));
    }
}
