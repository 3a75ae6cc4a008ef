package furniture.catalog.application.service;

import furniture.catalog.application.port.in.CatalogUseCases;
import furniture.catalog.application.port.in.CreateCommand;
import furniture.catalog.application.port.in.LifecycleCommand;
import furniture.catalog.application.port.in.ListQuery;
import furniture.catalog.application.port.in.Page;
import furniture.catalog.application.port.in.UpdateCommand;
import furniture.catalog.application.port.out.CatalogRepository;
import furniture.catalog.application.port.out.Cursor;
import furniture.catalog.application.port.out.PageTokenSecret;
import furniture.catalog.application.port.out.Transactions;
import furniture.catalog.domain.error.NotFoundException;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.NewRecord;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The use cases of one entity type; the same class serves all five. A create is one INSERT, atomic on its own; a change
 * (update, delete, undelete, purge) reads and locks the record in a transaction, checks the caller's version, and
 * writes, so that a caller whose deadline passes while it waits for the lock changes nothing.
 */
public final class CatalogService<T extends CatalogEntry> implements CatalogUseCases<T> {
    private final EntityType<T> type;
    private final CatalogRepository repository;
    private final Transactions transactions;
    private final PageTokens pageTokens;
    private final Clock clock;

    public CatalogService(EntityType<T> type, CatalogRepository repository, Transactions transactions, PageTokenSecret secret,
            Clock clock) {
        this.type = type;
        this.repository = repository;
        this.transactions = transactions;
        this.pageTokens = new PageTokens(secret);
        this.clock = clock;
    }

    @Override
    public EntityType<T> type() {
        return type;
    }

    @Override
    public CatalogRecord<T> create(CreateCommand<T> command) {
        NewRecord<T> record = NewRecord.of(type, command.entry(), command.active(), command.by(), clock.instant());
        return repository.insert(record);
    }

    @Override
    public CatalogRecord<T> get(long id) {
        return repository.find(type, id).orElseThrow(() -> new NotFoundException(type.name(), id));
    }

    @Override
    public Page<T> list(ListQuery query) {
        Optional<Cursor> after = pageTokens.decode(query.pageToken(), type.name(), query.criteria());
        List<CatalogRecord<T>> rows = repository.list(type, query.criteria(), after, query.pageSize() + 1);
        if (rows.size() <= query.pageSize()) {
            return new Page<>(rows, Optional.empty());
        }
        List<CatalogRecord<T>> page = rows.subList(0, query.pageSize());
        CatalogRecord<T> last = page.get(page.size() - 1);
        Cursor cursor = new Cursor((String) last.entry().values().get("name"), last.id());
        return new Page<>(page, Optional.of(pageTokens.encode(type.name(), query.criteria(), cursor)));
    }

    @Override
    public CatalogRecord<T> update(UpdateCommand command) {
        return change(command.id(), command.expectedVersion(), current -> current.update(
                type.withChanges(current.entry(), command.changes()), command.active().orElse(current.active()),
                command.by(), clock.instant()));
    }

    @Override
    public CatalogRecord<T> delete(LifecycleCommand command) {
        return change(command.id(), command.expectedVersion(), current -> current.delete(command.by(), clock.instant()));
    }

    @Override
    public CatalogRecord<T> undelete(LifecycleCommand command) {
        return change(command.id(), command.expectedVersion(), current -> current.undelete(command.by(), clock.instant()));
    }

    @Override
    public CatalogRecord<T> purge(LifecycleCommand command) {
        return transactions.inTransaction(() -> {
            CatalogRecord<T> current = locked(command.id());
            command.expectedVersion().ifPresent(current::requireVersion);
            current.requirePurgeable();
            repository.purge(type, current.id(), current.version());
            return current;
        });
    }

    /** Reads and locks the record, checks the caller's version, applies one transition and writes it. */
    private CatalogRecord<T> change(long id, java.util.OptionalLong expectedVersion, UnaryOperator<CatalogRecord<T>> transition) {
        return transactions.inTransaction(() -> {
            CatalogRecord<T> current = locked(id);
            expectedVersion.ifPresent(current::requireVersion);
            CatalogRecord<T> next = transition.apply(current);
            repository.update(next, current.version());
            return next;
        });
    }

    private CatalogRecord<T> locked(long id) {
        return repository.findForUpdate(type, id).orElseThrow(() -> new NotFoundException(type.name(), id));
    }
}
