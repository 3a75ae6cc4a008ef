package furniture.catalog.application.port.in;

import furniture.catalog.domain.record.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Change only the fields given. {@code expectedVersion} is the version the caller last saw: if the record has changed
 * since, the update is refused rather than silently overwriting the other change.
 *
 * @param changes new values by field name (a null value clears an optional field)
 * @param active the new active flag, if it changes
 */
public record UpdateCommand(long id, OptionalLong expectedVersion, Map<String, ?> changes, Optional<Boolean> active, Principal by) {
    public UpdateCommand {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        changes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<String, Object>(changes));
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(by, "by");
    }
}
