package furniture.catalog.grpc;

import io.grpc.Context;

/** The authenticated caller of the current call: the principal written into audit fields, and its access level. */
public record Caller(String principal, AccessLevel access) {
    static final Context.Key<Caller> KEY = Context.key("catalog-caller");

    static Caller current() {
        Caller caller = KEY.get();
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller: the authentication interceptor is not installed");
        }
        return caller;
    }
}
