package furniture.catalog.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per call, with key/values for a structured log: {@code method}, {@code status}, {@code ms},
 * {@code principal}, {@code peer}, and {@code error_id} when the call failed with an internal error. Install it
 * outermost. The line is handed to an asynchronous appender that drops rather than blocks when it falls behind.
 */
public final class CallLog implements ServerInterceptor {
    private static final Logger log = LoggerFactory.getLogger("furniture.catalog.calls");
    private static final Context.Key<CallRecord> RECORD = Context.key("catalog-call-record");

    /** What the layers under the log learn about the call while it runs. */
    private static final class CallRecord {
        volatile String principal = "-";
        volatile String errorId;
    }

    /** Records who the call is from, once authenticated, for its log line. */
    static void principal(String name) {
        CallRecord record = RECORD.get();
        if (record != null) {
            record.principal = name;
        }
    }

    /** Records the id under which an internal error's stack trace was logged. */
    static void errorId(String id) {
        CallRecord record = RECORD.get();
        if (record != null) {
            record.errorId = id;
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long start = System.nanoTime();
        CallRecord record = new CallRecord();
        ServerCall<Q, R> logged = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (log.isInfoEnabled()) {
                    String method = call.getMethodDescriptor().getFullMethodName();
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    String peer = peer(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
                    LoggingEventBuilder line = log.atInfo()
                            .addKeyValue("method", method)
                            .addKeyValue("status", status.getCode().name())
                            .addKeyValue("ms", ms)
                            .addKeyValue("principal", record.principal)
                            .addKeyValue("peer", peer);
                    String errorId = record.errorId;
                    if (errorId != null) {
                        line = line.addKeyValue("error_id", errorId);
                    }
                    line.log("{} {} {} ms principal={} peer={}{}", method, status.getCode(), ms, record.principal, peer,
                            errorId == null ? "" : " error_id=" + errorId);
                }
                super.close(status, trailers);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(RECORD, record), logged, headers, next);
    }

    private static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() + ":" + inet.getPort()
                    : inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return address == null ? "-" : address.toString();
    }
}
