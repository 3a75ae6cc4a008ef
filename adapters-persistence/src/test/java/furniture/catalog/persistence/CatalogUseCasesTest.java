package furniture.catalog.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.application.port.in.CatalogUseCases;
import furniture.catalog.application.port.in.CreateCommand;
import furniture.catalog.application.port.in.LifecycleCommand;
import furniture.catalog.application.port.in.ListQuery;
import furniture.catalog.application.port.in.Page;
import furniture.catalog.application.port.in.UpdateCommand;
import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.domain.entity.Catalog;
import furniture.catalog.domain.error.AlreadyDeletedException;
import furniture.catalog.domain.error.DeletedRecordException;
import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.error.NameTakenException;
import furniture.catalog.domain.error.NotDeletedException;
import furniture.catalog.domain.error.NotFoundException;
import furniture.catalog.domain.error.StaleVersionException;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import furniture.catalog.domain.record.Principal;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every use case, for every one of the five entities, through the real adapter on MariaDB. */
@CatalogDatabase
class CatalogUseCasesTest {
    private static final Principal ANA = Principal.of("ana");
    private static final Principal LUIS = Principal.of("luis");

    private final TestDatabase db;
    private CatalogFixture fixture;

    CatalogUseCasesTest(TestDatabase db) {
        this.db = db;
    }

    static Stream<EntityType<?>> types() {
        return Catalog.TYPES.stream();
    }

    @BeforeEach
    void start() throws Exception {
        fixture = CatalogFixture.migrated(db);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}: create, then get, returns what was stored, audited to the second in UTC")
    @MethodSource("types")
    <T extends CatalogEntry> void createThenGet(EntityType<T> type) {
        CatalogUseCases<T> service = fixture.service(type);
        CatalogRecord<T> created = service.create(new CreateCommand<>(entry(type, "Oak"), true, ANA));
        CatalogRecord<T> read = service.get(created.id());
        assertEquals(created, read);
        assertEquals(Instant.parse("2026-11-25T09:00:00Z"), read.audit().createdAt());
        assertEquals(ANA, read.audit().createdBy());
        assertEquals(1, read.version());
        assertFalse(read.deleted());
    }

    @ParameterizedTest(name = "{0}: update changes only the given fields and records who and when")
    @MethodSource("types")
    <T extends CatalogEntry> void updateChangesOnlyTheGivenFields(EntityType<T> type) {
        CatalogUseCases<T> service = fixture.service(type);
        CatalogRecord<T> created = service.create(new CreateCommand<>(entry(type, "Oak"), true, ANA));
        fixture.clock.advance(Duration.ofMinutes(5));
        CatalogRecord<T> updated = service.update(new UpdateCommand(created.id(), OptionalLong.of(1), Map.of("name", "Ash"),
                Optional.of(false), LUIS));
        assertEquals(updated, service.get(created.id()));
        assertEquals("Ash", updated.entry().values().get("name"));
        Map<String, Object> others = new HashMap<>(created.entry().values());
        others.remove("name");
        Map<String, Object> othersAfter = new HashMap<>(updated.entry().values());
        othersAfter.remove("name");
        assertEquals(others, othersAfter, "the other fields kept their values");
        assertFalse(updated.active());
        assertEquals(LUIS, updated.audit().updatedBy());
        assertEquals(ANA, updated.audit().createdBy());
        assertEquals(Instant.parse("2026-11-25T09:05:00Z"), updated.audit().updatedAt());
        assertEquals(2, updated.version());
    }

    @ParameterizedTest(name = "{0}: a stale version is refused and the record is unchanged")
    @MethodSource("types")
    <T extends CatalogEntry> void staleVersionIsRefused(EntityType<T> type) {
        CatalogUseCases<T> service = fixture.service(type);
        CatalogRecord<T> created = service.create(new CreateCommand<>(entry(type, "Oak"), true, ANA));
        service.update(new UpdateCommand(created.id(), OptionalLong.of(1), Map.of("name", "Ash"), Optional.empty(), LUIS));
        StaleVersionException e = assertThrows(StaleVersionException.class, () -> service.update(
                new UpdateCommand(created.id(), OptionalLong.of(1), Map.of("name", "Elm"), Optional.empty(), ANA)));
        assertEquals(2, e.actual());
        assertEquals("Ash", service.get(created.id()).entry().values().get("name"));
    }

    @ParameterizedTest(name = "{0}: delete, undelete, purge and the errors of each state")
    @MethodSource("types")
    <T extends CatalogEntry> void softDeleteUndeleteAndPurge(EntityType<T> type) {
        CatalogUseCases<T> service = fixture.service(type);
        long id = service.create(new CreateCommand<>(entry(type, "Oak"), true, ANA)).id();

        assertThrows(NotDeletedException.class, () -> service.purge(new LifecycleCommand(id, OptionalLong.empty(), ANA)));
        assertThrows(NotDeletedException.class, () -> service.undelete(new LifecycleCommand(id, OptionalLong.empty(), ANA)));

        CatalogRecord<T> deleted = service.delete(new LifecycleCommand(id, OptionalLong.of(1), LUIS));
        assertEquals(LUIS, deleted.deletion().orElseThrow().deletedBy());
        assertEquals(deleted, service.get(id), "a deleted record can still be read");
        assertThrows(AlreadyDeletedException.class, () -> service.delete(new LifecycleCommand(id, OptionalLong.empty(), ANA)));
        assertThrows(DeletedRecordException.class, () -> service.update(
                new UpdateCommand(id, OptionalLong.empty(), Map.of("name", "Elm"), Optional.empty(), ANA)));

        CatalogRecord<T> restored = service.undelete(new LifecycleCommand(id, OptionalLong.of(2), ANA));
        assertFalse(restored.deleted());
        assertEquals(3, restored.version());

        service.delete(new LifecycleCommand(id, OptionalLong.empty(), ANA));
        assertThrows(StaleVersionException.class, () -> service.purge(new LifecycleCommand(id, OptionalLong.of(3), ANA)));
        service.purge(new LifecycleCommand(id, OptionalLong.of(4), ANA));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> service.get(id));
        assertEquals("no " + type.name() + " with id " + id, gone.getMessage());
    }

    @ParameterizedTest(name = "{0}: a taken name is refused, naming the holder, also when it is deleted")
    @MethodSource("types")
    <T extends CatalogEntry> void aTakenNameIsRefusedNamingTheHolder(EntityType<T> type) {
        CatalogUseCases<T> service = fixture.service(type);
        CatalogRecord<T> oak = service.create(new CreateCommand<>(entry(type, "Oak"), true, ANA));
        NameTakenException live = assertThrows(NameTakenException.class,
                () -> service.create(new CreateCommand<>(entry(type, "oak", "other"), true, ANA)));
        assertEquals("name", live.field());
        assertEquals(oak.id(), live.holderId());
        assertFalse(live.holderDeleted());

        service.delete(new LifecycleCommand(oak.id(), OptionalLong.empty(), ANA));
        NameTakenException deleted = assertThrows(NameTakenException.class,
                () -> service.create(new CreateCommand<>(entry(type, "Oak", "other"), true, ANA)));
        assertTrue(deleted.holderDeleted());
        assertTrue(deleted.getMessage().endsWith("which is deleted: undelete or purge it to use the name again"), deleted.getMessage());

        CatalogRecord<T> ash = service.create(new CreateCommand<>(entry(type, "Ash", "other"), true, ANA));
        NameTakenException rename = assertThrows(NameTakenException.class, () -> service.update(
                new UpdateCommand(ash.id(), OptionalLong.empty(), Map.of("name", "OAK"), Optional.empty(), ANA)));
        assertEquals(oak.id(), rename.holderId());
    }

    @ParameterizedTest(name = "{0}: names of 50 four-byte characters store intact; 51 are refused before any SQL")
    @MethodSource("types")
    <T extends CatalogEntry> void fourByteNamesStoreIntact(EntityType<T> type) throws Exception {
        CatalogUseCases<T> service = fixture.service(type);
        String fifty = "🪑🛋".repeat(25);
        CatalogRecord<T> created = service.create(new CreateCommand<>(entry(type, fifty), true, ANA));
        assertEquals(fifty, service.get(created.id()).entry().values().get("name"));
        String other = "🛋🪑".repeat(25);
        assertEquals(other, service.create(new CreateCommand<>(entry(type, other, "other"), true, ANA)).entry().values().get("name"),
                "two different emoji names are two names");
        int max = type.field("name").maxLength();
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> entry(type, "🪑".repeat(max + 1)));
        assertEquals("name", e.field());
        assertEquals(2, db.queryLong("SELECT COUNT(*) FROM " + new Tables(StorageModel.CATALOG).of(type).name()));
    }

    @ParameterizedTest(name = "{0}: list filters by active, name prefix and deletion, in name or id order")
    @MethodSource("types")
    <T extends CatalogEntry> void listFiltersAndOrders(EntityType<T> type) {
        CatalogUseCases<T> service = fixture.service(type);
        long walnut = service.create(new CreateCommand<>(entry(type, "Walnut", "w"), true, ANA)).id();
        long ash = service.create(new CreateCommand<>(entry(type, "Ash", "a"), false, ANA)).id();
        long wenge = service.create(new CreateCommand<>(entry(type, "Wenge 50%_off", "g"), true, ANA)).id();
        long oak = service.create(new CreateCommand<>(entry(type, "Oak", "o"), true, ANA)).id();
        service.delete(new LifecycleCommand(oak, OptionalLong.empty(), ANA));

        assertEquals(List.of("Ash", "Walnut", "Wenge 50%_off"), names(service, criteria(ListCriteria.ActiveFilter.ALL, null, false, ListCriteria.Order.NAME)));
        assertEquals(List.of("Ash", "Oak", "Walnut", "Wenge 50%_off"), names(service, criteria(ListCriteria.ActiveFilter.ALL, null, true, ListCriteria.Order.NAME)));
        assertEquals(List.of("Walnut", "Wenge 50%_off"), names(service, criteria(ListCriteria.ActiveFilter.ACTIVE, null, false, ListCriteria.Order.NAME)));
        assertEquals(List.of("Ash"), names(service, criteria(ListCriteria.ActiveFilter.INACTIVE, null, false, ListCriteria.Order.NAME)));
        assertEquals(List.of("Walnut", "Wenge 50%_off"), names(service, criteria(ListCriteria.ActiveFilter.ALL, "w", false, ListCriteria.Order.NAME)));
        assertEquals(List.of("Wenge 50%_off"), names(service, criteria(ListCriteria.ActiveFilter.ALL, "Wenge 50%_", false, ListCriteria.Order.NAME)));
        assertEquals(List.of(), names(service, criteria(ListCriteria.ActiveFilter.ALL, "Wenge 5_", false, ListCriteria.Order.NAME)),
                "_ and % in a prefix are literal");
        List<Long> byId = service.list(new ListQuery(criteria(ListCriteria.ActiveFilter.ALL, null, true, ListCriteria.Order.ID), 0, Optional.empty()))
                .records().stream().map(CatalogRecord::id).toList();
        assertEquals(List.of(walnut, ash, wenge, oak), byId);
    }

    @ParameterizedTest(name = "{0}: pages follow each other through tokens until the last, which has none")
    @MethodSource("types")
    <T extends CatalogEntry> void pagesFollowThroughTokens(EntityType<T> type) {
        CatalogUseCases<T> service = fixture.service(type);
        for (int i = 0; i < 7; i++) {
            service.create(new CreateCommand<>(entry(type, "name " + i, "v" + i), true, ANA));
        }
        ListCriteria byName = criteria(ListCriteria.ActiveFilter.ALL, null, false, ListCriteria.Order.NAME);
        Page<T> first = service.list(new ListQuery(byName, 3, Optional.empty()));
        Page<T> second = service.list(new ListQuery(byName, 3, first.nextPageToken()));
        Page<T> third = service.list(new ListQuery(byName, 3, second.nextPageToken()));
        assertEquals(List.of("name 0", "name 1", "name 2"), first.records().stream().map(r -> r.entry().values().get("name")).toList());
        assertEquals(List.of("name 3", "name 4", "name 5"), second.records().stream().map(r -> r.entry().values().get("name")).toList());
        assertEquals(List.of("name 6"), third.records().stream().map(r -> r.entry().values().get("name")).toList());
        assertEquals(Optional.empty(), third.nextPageToken());
        ListCriteria otherFilter = criteria(ListCriteria.ActiveFilter.ACTIVE, null, false, ListCriteria.Order.NAME);
        assertThrows(InvalidFieldException.class, () -> service.list(new ListQuery(otherFilter, 3, first.nextPageToken())));
    }

    private static <T extends CatalogEntry> List<String> names(CatalogUseCases<T> service, ListCriteria criteria) {
        return service.list(new ListQuery(criteria, 0, Optional.empty())).records().stream()
                .map(r -> (String) r.entry().values().get("name")).toList();
    }

    static ListCriteria criteria(ListCriteria.ActiveFilter active, String prefix, boolean deleted, ListCriteria.Order order) {
        return new ListCriteria(active, Optional.ofNullable(prefix), deleted, order);
    }

    /** A valid entry of {@code type} named {@code name}; other unique fields (an abbreviation) get {@code variant}. */
    static <T extends CatalogEntry> T entry(EntityType<T> type, String name) {
        return entry(type, name, "x");
    }

    static <T extends CatalogEntry> T entry(EntityType<T> type, String name, String variant) {
        Map<String, String> values = new HashMap<>();
        for (FieldSpec field : type.fields()) {
            values.put(field.name(), field.name().equals("name") ? name : field.unique() ? variant : "about " + name);
        }
        return type.entry(values);
    }
}
