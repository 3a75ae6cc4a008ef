package furniture.catalog.persistence;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
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
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 2; i < active; i++) {
            fields.put(meta.getColumnLabel(i), value(rs, i, meta.getColumnType(i)));
        }
        return new StoredRow(rs.getLong(1), fields, rs.getBoolean(active), instant(rs, active + 1), rs.getString(active + 2),
                instant(rs, active + 3), rs.getString(active + 4), instant(rs, active + 5), rs.getString(active + 6),
                rs.getLong(active + 7));
    }

    /** A field's value as the Java type of its column's SQL type (StorageModel's table of kinds, read back). */
    private static Object value(ResultSet rs, int column, int sqlType) throws SQLException {
        Object value = switch (sqlType) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> rs.getInt(column);
            case Types.BIGINT -> rs.getLong(column);
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(column);
            case Types.BIT, Types.BOOLEAN -> rs.getBoolean(column);
            case Types.TIMESTAMP -> instant(rs, column);
            case Types.DATE -> rs.getObject(column, LocalDate.class);
            default -> rs.getString(column);
        };
        return rs.wasNull() ? null : value;
    }

    /** The session runs in UTC, so the column's wall-clock value is UTC; LocalDateTime avoids the driver's Calendar path. */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
