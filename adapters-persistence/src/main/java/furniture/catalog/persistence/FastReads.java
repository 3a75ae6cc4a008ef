package furniture.catalog.persistence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The read path (Get and List outside a transaction) the fast way JDBI offers: one handle per call through
 * {@link Jdbi#withHandle}, no SqlObject proxy and its per-call extension lookup, and {@link RecordDao}'s own SQL
 * rendered once per table, so no template engine runs per call. Rows map through the same {@link StoredRowMapper}.
 * The DAO still serves writes and everything inside a transaction.
 */
final class FastReads {
    private final Jdbi jdbi;
    private final Map<Table, Rendered> rendered = new ConcurrentHashMap<>();

    /** One table's read statements, rendered from the DAO's templates. */
    private record Rendered(String find, String listByName, String listById) {
        Rendered(Table table) {
            this(table.render(RecordDao.FIND), table.render(RecordDao.LIST_BY_NAME), table.render(RecordDao.LIST_BY_ID));
        }
    }

    FastReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<StoredRow> find(Table table, long id) {
        String sql = rendered(table).find();
        return jdbi.withHandle(h -> query(h, sql).bind("id", id).mapTo(StoredRow.class).findOne());
    }

    List<StoredRow> listByName(Table table, boolean includeDeleted, Boolean active, String prefix, String afterName, int limit) {
        String sql = rendered(table).listByName();
        return jdbi.withHandle(h -> filtered(query(h, sql), includeDeleted, active, prefix, limit).bind("afterName", afterName)
                .mapTo(StoredRow.class).list());
    }

    List<StoredRow> listById(Table table, boolean includeDeleted, Boolean active, String prefix, Long afterId, int limit) {
        String sql = rendered(table).listById();
        return jdbi.withHandle(h -> filtered(query(h, sql), includeDeleted, active, prefix, limit).bind("afterId", afterId)
                .mapTo(StoredRow.class).list());
    }

    private Rendered rendered(Table table) {
        return rendered.computeIfAbsent(table, Rendered::new);
    }

    private static Query query(Handle h, String sql) {
        Query q = h.createQuery(sql);
        q.setTemplateEngine(TemplateEngine.NOP);
        return q;
    }

    private static Query filtered(Query q, boolean includeDeleted, Boolean active, String prefix, int limit) {
        return q.bind("includeDeleted", includeDeleted).bind("active", active).bind("prefix", prefix).bind("limit", limit);
    }
}
