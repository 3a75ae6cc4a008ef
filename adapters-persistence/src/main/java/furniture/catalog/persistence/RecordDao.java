package furniture.catalog.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of every catalog table, in one place. The five tables share their lifecycle columns; {@code <table>},
 * {@code <id>} and the entity's column lists ({@code <fields>}, {@code <params>}, {@code <assignments>}) are
 * defined from {@link Table}'s fixed metadata, never from input, and every value is a bound parameter.
 */
interface RecordDao {
    /** The columns in the order {@link StoredRowMapper} reads them: the key, the entity's fields, the lifecycle. */
    String SELECT = "SELECT <id> AS id, <fields>, active, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by, row_version FROM <table> ";
    String FIND = SELECT + "WHERE <id> = :id";
    String LIST_FILTERS = "WHERE (:includeDeleted OR deleted_at IS NULL) AND (:active IS NULL OR active = :active) "
            + "AND (:prefix IS NULL OR name LIKE :prefix) ";
    String LIST_BY_NAME = SELECT + LIST_FILTERS + "AND (:afterName IS NULL OR name > :afterName) ORDER BY name LIMIT :limit";
    String LIST_BY_ID = SELECT + LIST_FILTERS + "AND (:afterId IS NULL OR <id> > :afterId) ORDER BY <id> LIMIT :limit";

    String INSERT = "INSERT INTO <table> (<fields>, active, created_at, created_by, updated_at, updated_by, row_version) "
            + "VALUES (<params>, :active, :createdAt, :createdBy, :updatedAt, :updatedBy, 1)";
    String UPDATE = "UPDATE <table> SET <assignments>, active = :active, updated_at = :updatedAt, updated_by = :updatedBy, "
            + "deleted_at = :deletedAt, deleted_by = :deletedBy, row_version = :version WHERE <id> = :id AND row_version = :previousVersion";

    @SqlQuery(FIND)
    Optional<StoredRow> find(@Define("table") String table, @Define("id") String id, @Define("fields") String fields, @Bind("id") long key);

    @SqlQuery(SELECT + "WHERE <id> = :id FOR UPDATE")
    Optional<StoredRow> findForUpdate(@Define("table") String table, @Define("id") String id, @Define("fields") String fields, @Bind("id") long key);

    @SqlUpdate(INSERT)
    @GetGeneratedKeys
    long insert(@Define("table") String table, @Define("fields") String fields, @Define("params") String params,
            @BindMap Map<String, Object> values, @Bind("active") boolean active, @Bind("createdAt") Instant createdAt,
            @Bind("createdBy") String createdBy, @Bind("updatedAt") Instant updatedAt, @Bind("updatedBy") String updatedBy);

    @SqlUpdate(UPDATE)
    int update(@Define("table") String table, @Define("id") String id, @Define("assignments") String assignments,
            @BindMap Map<String, Object> values, @Bind("active") boolean active, @Bind("updatedAt") Instant updatedAt,
            @Bind("updatedBy") String updatedBy, @Bind("deletedAt") Instant deletedAt, @Bind("deletedBy") String deletedBy,
            @Bind("version") long version, @Bind("id") long key, @Bind("previousVersion") long previousVersion);

    @SqlUpdate("DELETE FROM <table> WHERE <id> = :id AND row_version = :version")
    int purge(@Define("table") String table, @Define("id") String id, @Bind("id") long key, @Bind("version") long version);

    @SqlQuery(LIST_BY_NAME)
    List<StoredRow> listByName(@Define("table") String table, @Define("id") String id, @Define("fields") String fields,
            @Bind("includeDeleted") boolean includeDeleted, @Bind("active") Boolean active, @Bind("prefix") String prefix,
            @Bind("afterName") String afterName, @Bind("limit") int limit);

    @SqlQuery(LIST_BY_ID)
    List<StoredRow> listById(@Define("table") String table, @Define("id") String id, @Define("fields") String fields,
            @Bind("includeDeleted") boolean includeDeleted, @Bind("active") Boolean active, @Bind("prefix") String prefix,
            @Bind("afterId") Long afterId, @Bind("limit") int limit);

    /** Who holds a unique value (to say so when a write collides with it). */
    @SqlQuery(SELECT + "WHERE <column> = :value")
    Optional<StoredRow> findBy(@Define("table") String table, @Define("id") String id, @Define("fields") String fields,
            @Define("column") String column, @Bind("value") Object value);
}
