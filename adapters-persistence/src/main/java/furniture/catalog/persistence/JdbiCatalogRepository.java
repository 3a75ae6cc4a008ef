package furniture.catalog.persistence;

import furniture.catalog.application.port.out.CatalogRepository;
import furniture.catalog.application.port.out.Cursor;
import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.error.NameTakenException;
import furniture.catalog.domain.error.NotFoundException;
import furniture.catalog.domain.error.StaleVersionException;
import furniture.catalog.domain.error.StillReferencedException;
import furniture.catalog.domain.record.Audit;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.Deletion;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import furniture.catalog.domain.record.NewRecord;
import furniture.catalog.domain.record.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.JdbiException;

/** The catalog's records in MariaDB/MySQL through JDBI; rows map to domain records here and only here. */
final class JdbiCatalogRepository implements CatalogRepository {
    private final DaoScope scope;
    private final Tables tables;
    private final FastStatements fast;

    JdbiCatalogRepository(DaoScope scope, Tables tables) {
        this.scope = scope;
        this.tables = tables;
        this.fast = new FastStatements(scope.jdbi());
    }

    @Override
    public <T extends CatalogEntry> CatalogRecord<T> insert(NewRecord<T> record) {
        Table table = tables.of(record.type());
        Audit audit = record.audit();
        Map<String, Object> values = record.entry().values();
        long id = write(record.type(), values, () -> fast.insert(table, values, record.active(), audit.createdAt(),
                        name(audit.createdBy()), audit.updatedAt(), name(audit.updatedBy())),
                dao -> dao.insert(table.name(), table.fields(), table.params(), values, record.active(),
                        audit.createdAt(), name(audit.createdBy()), audit.updatedAt(), name(audit.updatedBy())));
        return record.stored(id);
    }

    @Override
    public <T extends CatalogEntry> Optional<CatalogRecord<T>> find(EntityType<T> type, long id) {
        Table table = tables.of(type);
        if (!scope.inTransaction()) {
            return guarded(type, Map.of(), () -> fast.find(table, id)).map(row -> toRecord(type, row));
        }
        return call(type, Map.of(), dao -> dao.find(table.name(), table.idColumn(), table.fields(), id)).map(row -> toRecord(type, row));
    }

    @Override
    public <T extends CatalogEntry> Optional<CatalogRecord<T>> findForUpdate(EntityType<T> type, long id) {
        Table table = tables.of(type);
        return call(type, Map.of(), dao -> dao.findForUpdate(table.name(), table.idColumn(), table.fields(), id)).map(row -> toRecord(type, row));
    }

    @Override
    public <T extends CatalogEntry> void update(CatalogRecord<T> next, long previousVersion) {
        Table table = tables.of(next.type());
        Optional<Deletion> deletion = next.deletion();
        Map<String, Object> values = next.entry().values();
        Instant deletedAt = deletion.map(Deletion::deletedAt).orElse(null);
        String deletedBy = deletion.map(d -> name(d.deletedBy())).orElse(null);
        int updated = call(next.type(), values, dao -> dao.update(table.name(), table.idColumn(), table.assignments(), values, next.active(),
                next.audit().updatedAt(), name(next.audit().updatedBy()), deletedAt, deletedBy, next.version(), next.id(), previousVersion));
        if (updated == 0) {
            throw missedWrite(next.type(), next.id(), previousVersion);
        }
    }

    @Override
    public <T extends CatalogEntry> void purge(EntityType<T> type, long id, long version) {
        Table table = tables.of(type);
        int purged;
        try {
            purged = call(type, Map.of(), dao -> dao.purge(table.name(), table.idColumn(), id, version));
        } catch (JdbiException e) {
            // Rows of another table still refer to this one (a foreign key of a reference field).
            throw StorageErrors.referencedBy(e).<RuntimeException>map(referrer -> new StillReferencedException(type.name(), id,
                    tables.named(referrer).map(t -> t.type().name()).orElse(referrer))).orElse(e);
        }
        if (purged == 0) {
            throw missedWrite(type, id, version);
        }
    }

    @Override
    public <T extends CatalogEntry> List<CatalogRecord<T>> list(EntityType<T> type, ListCriteria criteria, Optional<Cursor> after, int limit) {
        Table table = tables.of(type);
        Boolean active = switch (criteria.active()) {
            case ALL -> null;
            case ACTIVE -> Boolean.TRUE;
            case INACTIVE -> Boolean.FALSE;
        };
        String prefix = criteria.namePrefix().map(p -> likeEscape(p) + "%").orElse(null);
        if (!scope.inTransaction()) {
            List<StoredRow> rows = guarded(type, Map.of(), () -> criteria.order() == ListCriteria.Order.NAME
                    ? fast.listByName(table, criteria.includeDeleted(), active, prefix, after.map(Cursor::name).orElse(null), limit)
                    : fast.listById(table, criteria.includeDeleted(), active, prefix, after.map(Cursor::id).orElse(null), limit));
            return rows.stream().map(row -> toRecord(type, row)).toList();
        }
        List<StoredRow> rows = call(type, Map.of(), dao -> criteria.order() == ListCriteria.Order.NAME
                ? dao.listByName(table.name(), table.idColumn(), table.fields(), criteria.includeDeleted(), active, prefix,
                        after.map(Cursor::name).orElse(null), limit)
                : dao.listById(table.name(), table.idColumn(), table.fields(), criteria.includeDeleted(), active, prefix,
                        after.map(Cursor::id).orElse(null), limit));
        return rows.stream().map(row -> toRecord(type, row)).toList();
    }

    /**
     * Runs one DAO call, turning a unique-key collision into the domain's error naming the holder, and a reference to a
     * missing record into an invalid field.
     */
    private <R> R call(EntityType<?> type, Map<String, Object> values, Function<RecordDao, R> work) {
        return guarded(type, values, () -> work.apply(scope.dao()));
    }

    /**
     * An insert: inside a transaction through the DAO, on the transaction's handle; otherwise the fast statement,
     * committed on its own and run again after a deadlock or lock-wait timeout, as a transaction would be.
     */
    private <R> R write(EntityType<?> type, Map<String, Object> values, java.util.function.Supplier<R> fastWork, Function<RecordDao, R> daoWork) {
        return scope.inTransaction() ? call(type, values, daoWork) : JdbiTransactions.retrying(() -> guarded(type, values, fastWork));
    }

    /** Runs one statement's work (the DAO's or the fast path's) and translates its errors. */
    private <R> R guarded(EntityType<?> type, Map<String, Object> values, java.util.function.Supplier<R> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            Optional<String> key = StorageErrors.duplicateKey(e);
            if (key.isPresent() && values.containsKey(key.get())) {
                throw nameTaken(type, key.get(), values.get(key.get()), e);
            }
            Optional<String> missing = StorageErrors.missingReference(e);
            if (missing.isPresent() && values.containsKey(missing.get())) {
                FieldSpec field = type.field(missing.get());
                throw new InvalidFieldException(field.name(), "refers to " + field.target() + " " + values.get(field.name())
                        + ", which does not exist");
            }
            // Inside a transaction the boundary translates, after deciding whether to retry.
            throw scope.inTransaction() ? e : StorageErrors.translate(e);
        }
    }

    private RuntimeException nameTaken(EntityType<?> type, String field, Object value, JdbiException cause) {
        Table table = tables.of(type);
        Optional<StoredRow> holder = scope.dao().findBy(table.name(), table.idColumn(), table.fields(), table.column(field), value);
        if (holder.isEmpty()) {
            return cause; // the holder went away meanwhile; a retry will tell
        }
        return new NameTakenException(type.name(), field, FieldSpec.show(value), holder.get().id(), holder.get().deletedAt() != null);
    }

    private RuntimeException missedWrite(EntityType<?> type, long id, long expectedVersion) {
        Table table = tables.of(type);
        Optional<StoredRow> now = scope.dao().find(table.name(), table.idColumn(), table.fields(), id);
        if (now.isEmpty()) {
            return new NotFoundException(type.name(), id);
        }
        return new StaleVersionException(type.name(), id, expectedVersion, now.get().version());
    }

    private static <T extends CatalogEntry> CatalogRecord<T> toRecord(EntityType<T> type, StoredRow row) {
        Audit audit = new Audit(row.createdAt(), Principal.fromStored(row.createdBy()), row.updatedAt(), Principal.fromStored(row.updatedBy()));
        Optional<Deletion> deletion = row.deletedAt() == null ? Optional.empty()
                : Optional.of(new Deletion(row.deletedAt(), Principal.fromStored(row.deletedBy())));
        T entry;
        try {
            entry = type.entry(row.fields());
        } catch (InvalidFieldException e) {
            // Data written around the service (by hand, by the Python original) that breaks today's rules is the
            // store's fault, not the caller's: it must surface as an internal error, never as an invalid argument.
            throw new IllegalStateException("stored " + type.name() + " " + row.id() + " breaks the rules: " + e.getMessage(), e);
        }
        return new CatalogRecord<>(type, row.id(), entry, row.active(), audit, deletion, row.version());
    }

    private static String name(Principal principal) {
        return principal == null ? null : principal.name();
    }

    private static String likeEscape(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
