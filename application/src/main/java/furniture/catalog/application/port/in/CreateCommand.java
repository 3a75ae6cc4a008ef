package furniture.catalog.application.port.in;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.Principal;
import java.util.Objects;

/** Create a record with this entry (already validated by its constructor) and active flag, on behalf of {@code by}. */
public record CreateCommand<T extends CatalogEntry>(T entry, boolean active, Principal by) {
    public CreateCommand {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(by, "by");
    }
}
