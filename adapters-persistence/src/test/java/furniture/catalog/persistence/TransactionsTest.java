package furniture.catalog.persistence;

import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import furniture.catalog.domain.entity.Color;
import furniture.catalog.domain.record.NewRecord;
import furniture.catalog.domain.record.Principal;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The repository's calls inside a transaction are that transaction: all or nothing. */
@CatalogDatabase
class TransactionsTest {

    @Test
    void aTransactionThatFailsAfterItsWritesLeavesNothingBehind(TestDatabase db) throws Exception {
        try (CatalogFixture fixture = CatalogFixture.migrated(db)) {
            var repository = fixture.persistence.repository();
            IllegalStateException boom = assertThrows(IllegalStateException.class, () -> fixture.persistence.transactions().inTransaction(() -> {
                repository.insert(NewRecord.of(Color.TYPE, Color.TYPE.newEntry(Map.of("name", "Red")), true, Principal.of("ana"), Instant.now()));
                repository.insert(NewRecord.of(Color.TYPE, Color.TYPE.newEntry(Map.of("name", "Blue")), true, Principal.of("ana"), Instant.now()));
                throw new IllegalStateException("boom");
            }));
            assertEquals("boom", boom.getMessage());
            assertEquals(0, db.queryLong("SELECT COUNT(*) FROM colors"));

            fixture.persistence.transactions().inTransaction(() ->
                    repository.insert(NewRecord.of(Color.TYPE, Color.TYPE.newEntry(Map.of("name", "Green")), true, Principal.of("ana"), Instant.now())));
            assertEquals(1, db.queryLong("SELECT COUNT(*) FROM colors"));
        }
    }
}
