package furniture.catalog.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per call: method, status, duration, principal. Install it outermost. */
public final class CallLog implements ServerInterceptor {
    private static final Logger log = LoggerFactory.getLogger("furniture.catalog.calls");
    private static final Context.Key<AtomicReference<String>> PRINCIPAL = Context.key("catalog-call-principal");

    /** Records who the call is from, once authenticated, for its log line. */
    static void principal(String name) {
        AtomicReference<String> holder = PRINCIPAL.get();
        if (holder != null) {
            holder.set(name);
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long start = System.nanoTime();
        AtomicReference<String> principal = new AtomicReference<>("-");
        ServerCall<Q, R> logged = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                log.info("{} {} {} ms principal={}", call.getMethodDescriptor().getFullMethodName(), status.getCode(),
                        (System.nanoTime() - start) / 1_000_000, principal.get());
                super.close(status, trailers);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(PRINCIPAL, principal), logged, headers, next);
    }
}
