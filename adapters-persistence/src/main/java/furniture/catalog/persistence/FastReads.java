package furniture.catalog.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * The read path (Get and List outside a transaction) the fast way JDBI offers: one handle per call through
 * {@link Jdbi#withHandle}, no SqlObject proxy and its per-call extension lookup, SQL rendered once per table (no
 * template engine at run time, positional parameters), and rows mapped by column position with a mapper made once per
 * table. Same SQL and same rows as {@link RecordDao}'s, which still serves writes and everything inside a transaction.
 */
final class FastReads {
    private final Jdbi jdbi;
    private final Map<Table, Statements> statements = new ConcurrentHashMap<>();

    FastReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<StoredRow> find(Table table, long id) {
        Statements s = statements.computeIfAbsent(table, Statements::new);
        return jdbi.withHandle(h -> configured(h.createQuery(s.find)).bind(0, id).map(s.mapper).findOne());
    }

    List<StoredRow> listByName(Table table, boolean includeDeleted, Boolean active, String prefix, String afterName, int limit) {
        Statements s = statements.computeIfAbsent(table, Statements::new);
        return jdbi.withHandle(h -> bindFilters(configured(h.createQuery(s.listByName)), includeDeleted, active, prefix)
                .bind(5, afterName).bind(6, afterName).bind(7, limit).map(s.mapper).list());
    }

    List<StoredRow> listById(Table table, boolean includeDeleted, Boolean active, String prefix, Long afterId, int limit) {
        Statements s = statements.computeIfAbsent(table, Statements::new);
        return jdbi.withHandle(h -> bindFilters(configured(h.createQuery(s.listById)), includeDeleted, active, prefix)
                .bind(5, afterId).bind(6, afterId).bind(7, limit).map(s.mapper).list());
    }

    private static Query configured(Query q) {
        q.setTemplateEngine(TemplateEngine.NOP);
        return q;
    }

    private static Query bindFilters(Query q, boolean includeDeleted, Boolean active, String prefix) {
        return q.bind(0, includeDeleted).bind(1, active).bind(2, active).bind(3, prefix).bind(4, prefix);
    }

    /** One table's read statements and row mapper, built once. */
    private static final class Statements {
        final String find;
        final String listByName;
        final String listById;
        final RowMapper<StoredRow> mapper;

        Statements(Table table) {
            String select = "SELECT " + table.idColumn() + " AS id, " + table.fields() + ", active, created_at, created_by, updated_at, "
                    + "updated_by, deleted_at, deleted_by, row_version FROM " + table.name() + " ";
            // The parameters, in order: include deleted, active (twice), name prefix (twice); then the cursor (twice), the limit.
            String filters = "WHERE (? OR deleted_at IS NULL) AND (? IS NULL OR active = ?) AND (? IS NULL OR name LIKE ?) ";
            this.find = select + "WHERE " + table.idColumn() + " = ?";
            this.listByName = select + filters + "AND (? IS NULL OR name > ?) ORDER BY name LIMIT ?";
            this.listById = select + filters + "AND (? IS NULL OR " + table.idColumn() + " > ?) ORDER BY " + table.idColumn() + " LIMIT ?";
            List<String> fields = table.fieldColumns();
            int n = fields.size();
            this.mapper = (rs, ctx) -> {
                Map<String, String> values = new LinkedHashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    values.put(fields.get(i), rs.getString(2 + i));
                }
                int c = 2 + n;
                return new StoredRow(rs.getLong(1), values, rs.getBoolean(c), instant(rs, c + 1), rs.getString(c + 2),
                        instant(rs, c + 3), rs.getString(c + 4), instant(rs, c + 5), rs.getString(c + 6), rs.getLong(c + 7));
            };
        }
    }

    /** The session runs in UTC, so the column's wall-clock value is UTC. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
