package furniture.catalog.domain;

import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.error.AlreadyDeletedException;
import furniture.catalog.domain.error.DeletedRecordException;
import furniture.catalog.domain.error.NotDeletedException;
import furniture.catalog.domain.error.StaleVersionException;
import furniture.catalog.domain.record.CatalogRecord;
import furniture.catalog.domain.record.NewRecord;
import furniture.catalog.domain.record.Principal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What may happen to a catalog record, and what each change records. */
class RecordLifecycleTest {
    private static final Principal ANA = Principal.of("ana");
    private static final Principal LUIS = Principal.of("luis");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.750Z");
    private static final Instant T1 = Instant.parse("2026-11-25T11:30:05.200Z");

    private final CatalogRecord<Color> red = NewRecord.of(Color.TYPE, Color.TYPE.newEntry(Map.of("name", "Red")), true, ANA, T0).stored(7);

    @Test
    void aNewRecordIsLiveAtVersionOneCreatedAndUpdatedByItsCreatorToTheSecond() {
        assertFalse(red.deleted());
        assertEquals(1, red.version());
        assertEquals(ANA, red.audit().createdBy());
        assertEquals(ANA, red.audit().updatedBy());
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), red.audit().createdAt());
        assertEquals(red.audit().createdAt(), red.audit().updatedAt());
    }

    @Test
    void anUpdateRecordsWhoAndWhenKeepsTheCreationAndBumpsTheVersion() {
        CatalogRecord<Color> crimson = red.update(Color.TYPE.newEntry(Map.of("name", "Crimson")), false, LUIS, T1);
        assertEquals("Crimson", crimson.entry().name());
        assertFalse(crimson.active());
        assertEquals(LUIS, crimson.audit().updatedBy());
        assertEquals(Instant.parse("2026-11-25T11:30:05Z"), crimson.audit().updatedAt());
        assertEquals(ANA, crimson.audit().createdBy());
        assertEquals(2, crimson.version());
    }

    @Test
    void aDeleteRecordsWhoAndWhenAndKeepsTheRecordReadable() {
        CatalogRecord<Color> deleted = red.delete(LUIS, T1);
        assertTrue(deleted.deleted());
        assertEquals(LUIS, deleted.deletion().get().deletedBy());
        assertEquals(Instant.parse("2026-11-25T11:30:05Z"), deleted.deletion().get().deletedAt());
        assertEquals("Red", deleted.entry().name());
        assertEquals(2, deleted.version());
    }

    @Test
    void aDeletedRecordCannotBeUpdated() {
        CatalogRecord<Color> deleted = red.delete(LUIS, T1);
        DeletedRecordException e = assertThrows(DeletedRecordException.class, () -> deleted.update(Color.TYPE.newEntry(Map.of("name", "Blue")), true, ANA, T1));
        assertEquals("color 7 is deleted: undelete it before changing it", e.getMessage());
    }

    @Test
    void deletingADeletedRecordIsItsOwnError() {
        CatalogRecord<Color> deleted = red.delete(LUIS, T1);
        assertEquals("color 7 is already deleted", assertThrows(AlreadyDeletedException.class, () -> deleted.delete(ANA, T1)).getMessage());
    }

    @Test
    void undeletingALiveRecordIsItsOwnError() {
        assertEquals("color 7 is not deleted, so it cannot be undeleted",
                assertThrows(NotDeletedException.class, () -> red.undelete(ANA, T1)).getMessage());
    }

    @Test
    void anUndeleteClearsTheDeletionAndRecordsWhoRestoredIt() {
        CatalogRecord<Color> restored = red.delete(LUIS, T0).undelete(ANA, T1);
        assertEquals(Optional.empty(), restored.deletion());
        assertEquals(ANA, restored.audit().updatedBy());
        assertEquals(3, restored.version());
    }

    @Test
    void onlyADeletedRecordCanBePurged() {
        assertThrows(NotDeletedException.class, red::requirePurgeable);
        CatalogRecord<Color> deleted = red.delete(LUIS, T1);
        assertEquals(deleted, deleted.requirePurgeable());
    }

    @Test
    void aStaleVersionIsRefused() {
        CatalogRecord<Color> v2 = red.update(Color.TYPE.newEntry(Map.of("name", "Crimson")), true, LUIS, T1);
        StaleVersionException e = assertThrows(StaleVersionException.class, () -> v2.requireVersion(1));
        assertEquals("color 7 is at version 2, not 1: it changed since it was read", e.getMessage());
        assertEquals(v2, v2.requireVersion(2));
    }

    @Test
    void aPrincipalIsANameOfAtMostOneHundredCharacters() {
        assertEquals("p", Principal.of(" p ").name());
        assertThrows(furniture.catalog.domain.error.InvalidFieldException.class, () -> Principal.of("x".repeat(101)));
        assertThrows(furniture.catalog.domain.error.InvalidFieldException.class, () -> Principal.of(" "));
    }
}
