package furniture.catalog.application.fake;

import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.application.port.out.CatalogRepository;
import furniture.catalog.application.port.out.Cursor;
import furniture.catalog.application.port.out.PageTokenSecret;
import furniture.catalog.application.port.out.Transactions;
import furniture.catalog.domain.error.NameTakenException;
import furniture.catalog.domain.error.NotFoundException;
import furniture.catalog.domain.error.StaleVersionException;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import furniture.catalog.domain.record.NewRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An in-memory fake of the out-ports ({@link CatalogRepository}, {@link Transactions}, {@link PageTokenSecret}), for fast tests of the use
 * cases and of the inbound adapters. It keeps the contract the JDBI adapter keeps against MariaDB: unique fields unique
 * across deleted records too, versions checked on write, a transaction all or nothing, keyset pages in name or id
 * order (names compared case-insensitively, as the tables' collation does). One lock serialises everything: it is a
 * fake, not a database; concurrency is tested against MariaDB.
 */
public final class InMemoryCatalog implements CatalogRepository, Transactions, PageTokenSecret {
    private final byte[] key = java.util.HexFormat.of().parseHex("5eed".repeat(16));
    private final Map<EntityType<?>, TreeMap<Long, CatalogRecord<?>>> tables = new HashMap<>();
    private final Map<EntityType<?>, Long> nextIds = new HashMap<>();
    private Map<EntityType<?>, TreeMap<Long, CatalogRecord<?>>> before;

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public synchronized <R> R inTransaction(Supplier<R> work) {
        if (before != null) {
            return work.get();
        }
        before = copy();
        try {
            R result = work.get();
            before = null;
            return result;
        } catch (RuntimeException e) {
            tables.clear();
            tables.putAll(before);
            before = null;
            throw e;
        }
    }

    @Override
    public synchronized <T extends CatalogEntry> CatalogRecord<T> insert(NewRecord<T> record) {
        checkUnique(record.type(), record.entry(), 0);
        long id = nextIds.merge(record.type(), 1L, Long::sum);
        CatalogRecord<T> stored = record.stored(id);
        table(record.type()).put(id, stored);
        return stored;
    }

    @Override
    public synchronized <T extends CatalogEntry> Optional<CatalogRecord<T>> find(EntityType<T> type, long id) {
        return Optional.ofNullable(cast(table(type).get(id)));
    }

    @Override
    public <T extends CatalogEntry> Optional<CatalogRecord<T>> findForUpdate(EntityType<T> type, long id) {
        return find(type, id);
    }

    @Override
    public synchronized <T extends CatalogEntry> void update(CatalogRecord<T> next, long previousVersion) {
        CatalogRecord<T> stored = cast(table(next.type()).get(next.id()));
        if (stored == null) {
            throw new NotFoundException(next.type().name(), next.id());
        }
        if (stored.version() != previousVersion) {
            throw new StaleVersionException(next.type().name(), next.id(), previousVersion, stored.version());
        }
        checkUnique(next.type(), next.entry(), next.id());
        table(next.type()).put(next.id(), next);
    }

    @Override
    public synchronized <T extends CatalogEntry> void purge(EntityType<T> type, long id, long version) {
        CatalogRecord<T> stored = cast(table(type).get(id));
        if (stored == null) {
            throw new NotFoundException(type.name(), id);
        }
        if (stored.version() != version) {
            throw new StaleVersionException(type.name(), id, version, stored.version());
        }
        table(type).remove(id);
    }

    @Override
    public synchronized <T extends CatalogEntry> List<CatalogRecord<T>> list(EntityType<T> type, ListCriteria criteria,
            Optional<Cursor> after, int limit) {
        Comparator<CatalogRecord<T>> order = criteria.order() == ListCriteria.Order.NAME
                ? Comparator.<CatalogRecord<T>, String>comparing(r -> name(r), String.CASE_INSENSITIVE_ORDER).thenComparingLong(CatalogRecord::id)
                : Comparator.comparingLong(CatalogRecord::id);
        List<CatalogRecord<T>> rows = new ArrayList<>();
        for (CatalogRecord<?> any : table(type).values()) {
            CatalogRecord<T> r = cast(any);
            if (!criteria.includeDeleted() && r.deleted()) {
                continue;
            }
            if (criteria.active() == ListCriteria.ActiveFilter.ACTIVE && !r.active()
                    || criteria.active() == ListCriteria.ActiveFilter.INACTIVE && r.active()) {
                continue;
            }
            if (criteria.namePrefix().isPresent() && !name(r).toLowerCase().startsWith(criteria.namePrefix().get().toLowerCase())) {
                continue;
            }
            if (after.isPresent()) {
                Cursor c = after.get();
                int cmp = criteria.order() == ListCriteria.Order.NAME
                        ? Comparator.<String>naturalOrder().compare(name(r).toLowerCase(), c.name().toLowerCase()) : 0;
                if (cmp < 0 || cmp == 0 && r.id() <= c.id()) {
                    continue;
                }
            }
            rows.add(r);
        }
        rows.sort(order);
        return rows.subList(0, Math.min(limit, rows.size()));
    }

    private static String name(CatalogRecord<?> r) {
        return (String) r.entry().values().get("name");
    }

    private <T extends CatalogEntry> void checkUnique(EntityType<T> type, T entry, long self) {
        for (FieldSpec field : type.uniqueFields()) {
            Object value = entry.values().get(field.name());
            for (CatalogRecord<?> other : table(type).values()) {
                if (other.id() != self && value != null && same(value, other.entry().values().get(field.name()))) {
                    throw new NameTakenException(type.name(), field.name(), FieldSpec.show(value), other.id(), other.deleted());
                }
            }
        }
    }

    /** Equal as the database's unique keys compare: text without regard to case (its collation), the rest by value. */
    private static boolean same(Object a, Object b) {
        return a instanceof String s ? s.equalsIgnoreCase((String) b) : a.equals(b);
    }

    private TreeMap<Long, CatalogRecord<?>> table(EntityType<?> type) {
        return tables.computeIfAbsent(type, t -> new TreeMap<>());
    }

    private Map<EntityType<?>, TreeMap<Long, CatalogRecord<?>>> copy() {
        Map<EntityType<?>, TreeMap<Long, CatalogRecord<?>>> copy = new HashMap<>();
        tables.forEach((type, rows) -> copy.put(type, new TreeMap<>(rows)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <T extends CatalogEntry> CatalogRecord<T> cast(CatalogRecord<?> r) {
        return (CatalogRecord<T>) r;
    }
}
