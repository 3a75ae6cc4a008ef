package furniture.catalog.application.port.in;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import java.util.List;
import java.util.Optional;

/** A page of records; {@code nextPageToken} is absent on the last page. */
public record Page<T extends CatalogEntry>(List<CatalogRecord<T>> records, Optional<String> nextPageToken) {
    public Page {
        records = List.copyOf(records);
    }
}
