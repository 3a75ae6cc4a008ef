package furniture.catalog.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who calls, on every call to a catalog service: a client certificate verified by the TLS handshake (mutual TLS) whose
 * subject common name the tokens file maps to a role, or else {@code authorization: Bearer <token>}. No or an unknown
 * credential is UNAUTHENTICATED, and so are two {@code authorization} headers (none of them wins); a role too weak for
 * the method is PERMISSION_DENIED. Install it on the catalog services only (reflection and health stay open). The token
 * itself is never logged.
 */
public final class AuthInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final TokenSource tokens;

    public AuthInterceptor(TokenSource tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        TokenStore store = tokens.current();
        Iterable<String> all = headers.getAll(AUTHORIZATION);
        int count = 0;
        String header = null;
        for (String value : all == null ? java.util.List.<String>of() : all) {
            header = value;
            count++;
        }
        if (count > 1) {
            // Metadata.get would take the last one: a reader's token followed by an admin's would be the admin.
            return refuse(call, Status.UNAUTHENTICATED.withDescription("send one authorization header, not " + count));
        }
        Optional<String> certificateName = clientCertificateName(call);
        Optional<Caller> caller;
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            caller = store.authenticate(header.substring(BEARER.length()).strip());
            if (caller.isEmpty()) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("unknown token"));
            }
        } else if (certificateName.isPresent()) {
            caller = store.authenticateCertificate(certificateName.get());
            if (caller.isEmpty()) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("client certificate CN=" + certificateName.get()
                        + " is not in the tokens file; add 'cert:" + certificateName.get() + " <principal> <role>'"));
            }
        } else {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("send 'authorization: Bearer <token>'"));
        }
        CallLog.principal(caller.get().principal());
        String method = call.getMethodDescriptor().getBareMethodName();
        AccessLevel needed = AccessLevel.neededFor(method == null ? "" : method);
        if (!caller.get().access().allows(needed)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(caller.get().principal() + " is a "
                    + caller.get().access().name().toLowerCase() + "; " + method + " needs " + needed.name().toLowerCase()));
        }
        return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller.get()), call, headers, next);
    }

    /** The subject CN of a client certificate the TLS handshake verified, if the caller presented one. */
    private static Optional<String> clientCertificateName(ServerCall<?, ?> call) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Optional.empty();
            }
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
