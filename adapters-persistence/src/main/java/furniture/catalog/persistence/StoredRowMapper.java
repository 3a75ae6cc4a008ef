package furniture.catalog.persistence;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row of any catalog table as {@link RecordDao#SELECT} reads it, by position: the key first, then the entity's
 * columns (named by their labels), then the eight lifecycle columns in SELECT's order.
 */
final class StoredRowMapper implements RowMapper<StoredRow> {
    /** active, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by, row_version. */
    private static final int LIFECYCLE_COLUMNS = 8;

    @Override
    public StoredRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int active = meta.getColumnCount() - LIFECYCLE_COLUMNS + 1;
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 2; i < active; i++) {
            fields.put(meta.getColumnLabel(i), rs.getString(i));
        }
        return new StoredRow(rs.getLong(1), fields, rs.getBoolean(active), instant(rs, active + 1), rs.getString(active + 2),
                instant(rs, active + 3), rs.getString(active + 4), instant(rs, active + 5), rs.getString(active + 6),
                rs.getLong(active + 7));
    }

    /** The session runs in UTC, so the column's wall-clock value is UTC; LocalDateTime avoids the driver's Calendar path. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
