package furniture.catalog.application.port.out;

import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.NewRecord;
import java.util.List;
import java.util.Optional;

/**
 * Where catalog records are kept: one repository for the five entity types, driven by their {@link EntityType}.
 * Calls made inside {@link Transactions#inTransaction} take part in that transaction.
 *
 * <p>Writes that would give a unique field (name, abbreviation) a value another record holds throw
 * {@link furniture.catalog.domain.error.NameTakenException} naming that record; failures of the store itself throw
 * {@link StorageUnavailableException} or {@link StorageBusyException}.
 */
public interface CatalogRepository {

    <T extends CatalogEntry> CatalogRecord<T> insert(NewRecord<T> record);

    <T extends CatalogEntry> Optional<CatalogRecord<T>> find(EntityType<T> type, long id);

    /** Reads the record and locks it until the transaction ends, so that the change made from it cannot be lost. */
    <T extends CatalogEntry> Optional<CatalogRecord<T>> findForUpdate(EntityType<T> type, long id);

    /**
     * Writes the record's new state if the stored one is still at {@code previousVersion}; otherwise throws
     * {@link furniture.catalog.domain.error.StaleVersionException} (or {@code NotFoundException} if it is gone).
     */
    <T extends CatalogEntry> void update(CatalogRecord<T> next, long previousVersion);

    /** Removes the record for good if it is still at {@code version}. */
    <T extends CatalogEntry> void purge(EntityType<T> type, long id, long version);

    /** Up to {@code limit} records matching {@code criteria}, in its order, after {@code after} (keyset pagination). */
    <T extends CatalogEntry> List<CatalogRecord<T>> list(EntityType<T> type, ListCriteria criteria, Optional<Cursor> after, int limit);
}
