package furniture.catalog.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;

/**
 * {@code authorization: Bearer <token>} on every call to a catalog service: no or an unknown token is UNAUTHENTICATED,
 * a role too weak for the method is PERMISSION_DENIED. Install it on the catalog services only (reflection and health
 * stay open). The token itself is never logged.
 */
public final class AuthInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final TokenStore tokens;

    public AuthInterceptor(TokenStore tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("send 'authorization: Bearer <token>'"));
        }
        Optional<Caller> caller = tokens.authenticate(header.substring(BEARER.length()).strip());
        if (caller.isEmpty()) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("unknown token"));
        }
        CallLog.principal(caller.get().principal());
        String method = call.getMethodDescriptor().getBareMethodName();
        Role needed = Role.neededFor(method == null ? "" : method);
        if (!caller.get().role().allows(needed)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(caller.get().principal() + " is a "
                    + caller.get().role().name().toLowerCase() + "; " + method + " needs " + needed.name().toLowerCase()));
        }
        return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller.get()), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
