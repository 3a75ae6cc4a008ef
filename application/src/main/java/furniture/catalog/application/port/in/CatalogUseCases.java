package furniture.catalog.application.port.in;

import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.EntityType;

/**
 * What can be done with the records of one entity type. Every write takes the acting principal; every refusal is a
 * domain error ({@link furniture.catalog.domain.error.CatalogException}) or a storage error from the out-ports.
 */
public interface CatalogUseCases<T extends CatalogEntry> {

    EntityType<T> type();

    CatalogRecord<T> create(CreateCommand<T> command);

    /** The record, deleted or not. */
    CatalogRecord<T> get(long id);

    Page<T> list(ListQuery query);

    CatalogRecord<T> update(UpdateCommand command);

    /** Soft delete: the record stays readable and can be undeleted. */
    CatalogRecord<T> delete(LifecycleCommand command);

    CatalogRecord<T> undelete(LifecycleCommand command);

    /** Hard delete, only of a record already soft-deleted. Returns what was removed. */
    CatalogRecord<T> purge(LifecycleCommand command);
}
