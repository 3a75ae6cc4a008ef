package furniture.catalog.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.core.statement.Update;

/**
 * The statements a call runs on its own, outside a transaction (Get, List, and Create's one INSERT), the fast way
 * JDBI offers: one handle per call through {@link Jdbi#withHandle}, no SqlObject
 * proxy and its per-call extension lookup, and {@link RecordDao}'s own SQL rendered once per table, so no template
 * engine runs per call. Rows map through the same {@link StoredRowMapper}. The DAO still serves everything inside a
 * transaction.
 */
final class FastStatements {
    private final Jdbi jdbi;
    private final Map<Table, Rendered> rendered = new ConcurrentHashMap<>();

    /** One table's statements, rendered from the DAO's templates. */
    private record Rendered(String find, String listByName, String listById, String insert) {
        Rendered(Table table) {
            this(table.render(RecordDao.FIND), table.render(RecordDao.LIST_BY_NAME), table.render(RecordDao.LIST_BY_ID),
                    table.render(RecordDao.INSERT));
        }
    }

    FastStatements(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<StoredRow> find(Table table, long id) {
        String sql = rendered(table).find();
        return jdbi.withHandle(h -> raw(h.createQuery(sql)).bind("id", id).mapTo(StoredRow.class).findOne());
    }

    List<StoredRow> listByName(Table table, boolean includeDeleted, Boolean active, String prefix, String afterName, int limit) {
        String sql = rendered(table).listByName();
        return jdbi.withHandle(h -> filtered(raw(h.createQuery(sql)), includeDeleted, active, prefix, limit).bind("afterName", afterName)
                .mapTo(StoredRow.class).list());
    }

    List<StoredRow> listById(Table table, boolean includeDeleted, Boolean active, String prefix, Long afterId, int limit) {
        String sql = rendered(table).listById();
        return jdbi.withHandle(h -> filtered(raw(h.createQuery(sql)), includeDeleted, active, prefix, limit).bind("afterId", afterId)
                .mapTo(StoredRow.class).list());
    }

    /** One INSERT, committed on its own; the new key. */
    long insert(Table table, Map<String, Object> values, boolean active, Instant createdAt, String createdBy, Instant updatedAt,
            String updatedBy) {
        String sql = rendered(table).insert();
        return jdbi.withHandle(h -> raw(h.createUpdate(sql)).bindMap(values).bind("active", active).bind("createdAt", createdAt)
                .bind("createdBy", createdBy).bind("updatedAt", updatedAt).bind("updatedBy", updatedBy)
                .executeAndReturnGeneratedKeys().mapTo(Long.class).one());
    }

    private Rendered rendered(Table table) {
        return rendered.computeIfAbsent(table, Rendered::new);
    }

    /** The statement as rendered already: no template engine. */
    private static <S extends SqlStatement<S>> S raw(S statement) {
        statement.setTemplateEngine(TemplateEngine.NOP);
        return statement;
    }

    private static Query filtered(Query q, boolean includeDeleted, Boolean active, String prefix, int limit) {
        return q.bind("includeDeleted", includeDeleted).bind("active", active).bind("prefix", prefix).bind("limit", limit);
    }
}
