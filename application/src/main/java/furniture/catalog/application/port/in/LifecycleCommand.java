package furniture.catalog.application.port.in;

import furniture.catalog.domain.record.Principal;
import java.util.Objects;
import java.util.OptionalLong;

/** Delete, undelete or purge record {@code id}, if it is still at {@code expectedVersion} when one is given. */
public record LifecycleCommand(long id, OptionalLong expectedVersion, Principal by) {
    public LifecycleCommand {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(by, "by");
    }
}
