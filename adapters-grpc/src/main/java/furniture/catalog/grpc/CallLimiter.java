package furniture.catalog.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sheds overload instead of queueing it: at most {@code limit} catalog calls run at once; one more fails at once with
 * UNAVAILABLE, an {@code ErrorInfo} (reason OVERLOADED) and a {@code RetryInfo} saying when to retry, and a call whose
 * deadline passed while it waited to start fails with DEADLINE_EXCEEDED without touching the database. Install it
 * outside the authentication interceptor, on the catalog services (health and reflection stay answerable), and give the
 * server its {@link #shedder()}: a call that arrives when no permit is free is then refused on the transport thread,
 * before it would wait in the executor's queue.
 */
public final class CallLimiter implements ServerInterceptor {
    private static final long RETRY_AFTER_MS = 100;
    private static final String CATALOG_SERVICES = "furniture.catalog.";
    /** Set while a call routed by {@link #shedder()} runs inline: such a call is refused, whatever permits are free. */
    private static final ThreadLocal<Boolean> SHEDDING = ThreadLocal.withInitial(() -> false);
    private static final Executor SHED = task -> {
        SHEDDING.set(true);
        try {
            task.run();
        } finally {
            SHEDDING.set(false);
        }
    };

    private final int limit;
    private final Semaphore permits;

    public CallLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit of calls in flight must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /**
     * For {@code ServerBuilder.callExecutor}: a catalog call that arrives while every permit is taken runs inline on the
     * transport thread, where this limiter refuses it at once (it never reaches a handler there); any other call gets
     * the server's executor.
     */
    public ServerCallExecutorSupplier shedder() {
        return new ServerCallExecutorSupplier() {
            @Override
            public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
                boolean catalog = call.getMethodDescriptor().getFullMethodName().startsWith(CATALOG_SERVICES);
                return catalog && permits.availablePermits() == 0 ? SHED : null;
            }
        };
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null && deadline.isExpired()) {
            call.close(Status.DEADLINE_EXCEEDED.withDescription("the deadline passed before the call could start"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        if (SHEDDING.get() || !permits.tryAcquire()) {
            StatusException overloaded = StatusProto.toStatusException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.UNAVAILABLE.getNumber())
                    .setMessage("the catalog is at its limit of " + limit + " calls in flight; retry after " + RETRY_AFTER_MS + " ms")
                    .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("OVERLOADED").setDomain(ErrorMapper.DOMAIN)
                            .putMetadata("calls_in_flight_limit", Integer.toString(limit)).build()))
                    .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder()
                            .setNanos((int) (RETRY_AFTER_MS * 1_000_000))).build()))
                    .build());
            call.close(overloaded.getStatus(), overloaded.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
        ServerCall<Q, R> releasing = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                release.run();
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(releasing, headers);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                release.run();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                release.run();
                super.onComplete();
            }
        };
    }
}
