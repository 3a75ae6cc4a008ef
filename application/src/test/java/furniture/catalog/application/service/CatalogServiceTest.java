package furniture.catalog.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.application.fake.InMemoryCatalog;
import furniture.catalog.application.port.in.CatalogUseCases;
import furniture.catalog.application.port.in.CreateCommand;
import furniture.catalog.application.port.in.LifecycleCommand;
import furniture.catalog.application.port.in.ListCriteria;
import furniture.catalog.application.port.in.ListQuery;
import furniture.catalog.application.port.in.Page;
import furniture.catalog.application.port.in.UpdateCommand;
import furniture.catalog.domain.entity.Catalog;
import furniture.catalog.domain.error.AlreadyDeletedException;
import furniture.catalog.domain.error.InvalidFieldException;
import furniture.catalog.domain.error.NameTakenException;
import furniture.catalog.domain.error.NotDeletedException;
import furniture.catalog.domain.error.NotFoundException;
import furniture.catalog.domain.error.StaleVersionException;
import furniture.catalog.domain.record.CatalogEntry;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The use cases of every entity type against the in-memory fake of the out-ports: the lifecycle, the rules and the
 * paging, in milliseconds. The same behaviour against MariaDB is CatalogUseCasesTest in the persistence adapter.
 */
class CatalogServiceTest {
    private static final Principal ANA = Principal.of("ana");
    private static final Principal BOB = Principal.of("bob");

    static Stream<EntityType<?>> types() {
        return Catalog.TYPES.stream();
    }

    private static <T extends CatalogEntry> CatalogUseCases<T> service(EntityType<T> type) {
        InMemoryCatalog store = new InMemoryCatalog();
        return new CatalogService<>(type, store, store, store, Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    /** An entry named {@code name}, with the type's other required fields derived from it. */
    private static <T extends CatalogEntry> T entry(EntityType<T> type, String name) {
        Map<String, Object> values = new HashMap<>();
        type.fields().forEach(f -> values.put(f.name(), f.name().equals("name") ? name : f.required() ? name.substring(0, Math.min(3, name.length())) + name.length() : null));
        return type.entry(values);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T extends CatalogEntry> void createGetUpdateDeleteUndeletePurge(EntityType<T> type) {
        CatalogUseCases<T> s = service(type);
        CatalogRecord<T> created = s.create(new CreateCommand<>(entry(type, "Walnut"), true, ANA));
        assertEquals(created, s.get(created.id()));
        assertEquals(ANA, created.audit().createdBy());
        assertEquals(1, created.version());

        CatalogRecord<T> renamed = s.update(new UpdateCommand(created.id(), OptionalLong.of(1), Map.of("name", "Oak"), Optional.of(false), BOB));
        assertEquals("Oak", renamed.entry().values().get("name"));
        assertEquals(2, renamed.version());
        assertEquals(BOB, renamed.audit().updatedBy());
        StaleVersionException stale = assertThrows(StaleVersionException.class, () -> s.update(new UpdateCommand(created.id(),
                OptionalLong.of(1), Map.of("name", "Ash"), Optional.empty(), ANA)));
        assertTrue(stale.getMessage().contains("2"), stale.getMessage());
        assertEquals("Oak", s.get(created.id()).entry().values().get("name"), "the stale update changed nothing");

        assertThrows(NotDeletedException.class, () -> s.purge(new LifecycleCommand(created.id(), OptionalLong.empty(), ANA)));
        CatalogRecord<T> deleted = s.delete(new LifecycleCommand(created.id(), OptionalLong.of(2), ANA));
        assertTrue(deleted.deleted());
        assertTrue(s.get(created.id()).deleted(), "a deleted record stays readable");
        assertThrows(AlreadyDeletedException.class, () -> s.delete(new LifecycleCommand(created.id(), OptionalLong.empty(), ANA)));
        CatalogRecord<T> back = s.undelete(new LifecycleCommand(created.id(), OptionalLong.empty(), BOB));
        assertTrue(!back.deleted());
        s.delete(new LifecycleCommand(created.id(), OptionalLong.empty(), ANA));
        s.purge(new LifecycleCommand(created.id(), OptionalLong.empty(), ANA));
        assertThrows(NotFoundException.class, () -> s.get(created.id()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T extends CatalogEntry> void aNameIsTakenWhateverItsCaseAndAlsoByADeletedRecord(EntityType<T> type) {
        CatalogUseCases<T> s = service(type);
        CatalogRecord<T> first = s.create(new CreateCommand<>(entry(type, "Walnut"), true, ANA));
        s.delete(new LifecycleCommand(first.id(), OptionalLong.empty(), ANA));
        NameTakenException taken = assertThrows(NameTakenException.class, () -> s.create(new CreateCommand<>(entry(type, "WALNUT"), true, ANA)));
        assertEquals(first.id(), taken.holderId());
        assertTrue(taken.holderDeleted());
        CatalogRecord<T> other = s.create(new CreateCommand<>(entry(type, "Cherry"), true, ANA));
        assertThrows(NameTakenException.class, () -> s.update(new UpdateCommand(other.id(), OptionalLong.empty(), Map.of("name", "walnut"),
                Optional.empty(), ANA)));
        assertEquals("Cherry", s.get(other.id()).entry().values().get("name"), "the refused update left the record as it was");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    <T extends CatalogEntry> void listPagesInNameOrderWithTokensBoundToTheirQuery(EntityType<T> type) {
        CatalogUseCases<T> s = service(type);
        for (String name : List.of("elm", "Ash", "cedar", "Birch", "Dogwood")) {
            s.create(new CreateCommand<>(entry(type, name), !name.equals("cedar"), ANA));
        }
        ListCriteria all = new ListCriteria(ListCriteria.ActiveFilter.ALL, Optional.empty(), false, ListCriteria.Order.NAME);
        List<String> names = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            Page<T> page = s.list(new ListQuery(all, 2, token));
            page.records().forEach(r -> names.add((String) r.entry().values().get("name")));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent());
        assertEquals(List.of("Ash", "Birch", "cedar", "Dogwood", "elm"), names);
        assertEquals(3, pages);

        ListCriteria active = new ListCriteria(ListCriteria.ActiveFilter.ACTIVE, Optional.empty(), false, ListCriteria.Order.NAME);
        assertEquals(4, s.list(new ListQuery(active, 10, Optional.empty())).records().size());
        String firstToken = s.list(new ListQuery(all, 2, Optional.empty())).nextPageToken().orElseThrow();
        assertThrows(InvalidFieldException.class, () -> s.list(new ListQuery(active, 2, Optional.of(firstToken))),
                "a token from another query is refused");
    }
}
