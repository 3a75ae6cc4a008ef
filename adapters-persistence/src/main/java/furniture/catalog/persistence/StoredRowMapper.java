package furniture.catalog.persistence;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of any catalog table: the lifecycle columns by name, every other column into the entity's fields. */
final class StoredRowMapper implements RowMapper<StoredRow> {
    private static final Set<String> LIFECYCLE = Set.of("id", "active", "created_at", "created_by", "updated_at",
            "updated_by", "deleted_at", "deleted_by", "row_version");

    @Override
    public StoredRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String column = meta.getColumnLabel(i);
            if (!LIFECYCLE.contains(column)) {
                fields.put(column, rs.getString(i));
            }
        }
        return new StoredRow(rs.getLong("id"), fields, rs.getBoolean("active"), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "updated_at"), rs.getString("updated_by"), instant(rs, "deleted_at"),
                rs.getString("deleted_by"), rs.getLong("row_version"));
    }

    /** The session runs in UTC, so the column's wall-clock value is UTC; LocalDateTime avoids the driver's Calendar path. */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
