package furniture.catalog.server.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.type.Date;
import com.google.type.Decimal;
import furniture.catalog.application.port.in.CatalogUseCasesByType;
import furniture.catalog.application.service.CatalogService;
import furniture.catalog.domain.record.EntityType;
import furniture.catalog.domain.record.FieldSpec;
import furniture.catalog.grpc.GrpcModule;
import furniture.catalog.migrations.DatabaseConnector;
import furniture.catalog.migrations.MigrationEngine;
import furniture.catalog.migrations.MigrationException;
import furniture.catalog.migrations.ScriptSource;
import furniture.catalog.persistence.EntityTable;
import furniture.catalog.persistence.StorageModel;
import furniture.catalog.server.cli.Cli;
import furniture.catalog.server.model.CatalogModel;
import furniture.catalog.testing.v1.CreateSampleItemRequest;
import furniture.catalog.testing.v1.GetSampleItemRequest;
import furniture.catalog.testing.v1.ListSampleItemsRequest;
import furniture.catalog.testing.v1.SampleItemServiceGrpc;
import furniture.catalog.testing.v1.UpdateSampleItemRequest;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import furniture.catalog.v1.Color;
import furniture.catalog.v1.ColorServiceGrpc;
import furniture.catalog.v1.CreateColorRequest;
import furniture.catalog.v1.DeleteColorRequest;
import furniture.catalog.v1.PurgeColorRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test-only entity with a field of every kind ({@link SampleItem}), added the way the README's "Adding an entity"
 * says: its declaration, its table (an {@link EntityTable}), a migration generated from the model, its proto and one
 * binding. Then over gRPC (Netty) on MariaDB: every kind is written, read back and stored as its column type, and the
 * bad values of each kind are refused with a precise status.
 */
@CatalogDatabase
class SampleItemsEndToEndTest {
    /** The catalog's tables plus the sample's, with an index on its launch date. */
    static final List<EntityTable> TABLES = with(EntityTable.of(SampleItem.TYPE, "sample_items", "id_sample_item").withIndex("launch_date"));
    static final GrpcModule.Binding BINDING = new GrpcModule.Binding(SampleItem.TYPE, SampleItemServiceGrpc.getServiceDescriptor(),
            furniture.catalog.testing.v1.SampleItem.getDefaultInstance());

    private final TestDatabase db;
    private ModelServer server;

    SampleItemsEndToEndTest(TestDatabase db) {
        this.db = db;
    }

    static List<EntityTable> with(EntityTable extra) {
        List<EntityTable> tables = new ArrayList<>(StorageModel.CATALOG);
        tables.add(extra);
        return tables;
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theGeneratedMigrationCreatesATableWithEachKindsColumnAndSurvivesUpDownUp(@TempDir Path dir) throws Exception {
        MigrationEngine engine = migrated(dir);
        assertEquals("id_sample_item int(11) NO auto_increment, name varchar(60) NO, code char(4) YES, notes text YES, "
                + "quantity int(11) NO, serial bigint(20) YES, price decimal(8,2) NO, in_stock tinyint(1) YES, "
                + "available_from datetime(6) YES, launch_date date YES, color_id int(11) YES, active tinyint(1) NO, "
                + "created_at timestamp NO, updated_at timestamp NO, deleted_at timestamp YES, created_by varchar(100) YES, "
                + "updated_by varchar(100) YES, deleted_by varchar(100) YES, row_version int(10) unsigned NO", db.queryString(
                "SELECT GROUP_CONCAT(CONCAT_WS(' ', column_name, column_type, is_nullable, NULLIF(extra, '')) ORDER BY ordinal_position "
                        + "SEPARATOR ', ') FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'sample_items'"));
        assertEquals("code UNIQUE code, ix_sample_items_launch_date launch_date, name UNIQUE name, PRIMARY UNIQUE id_sample_item, "
                + "sample_items_color_id color_id", db.queryString("SELECT GROUP_CONCAT(CONCAT_WS(' ', index_name, IF(non_unique = 0, "
                + "'UNIQUE', NULL), column_name) ORDER BY index_name SEPARATOR ', ') FROM information_schema.statistics "
                + "WHERE table_schema = DATABASE() AND table_name = 'sample_items'"));
        assertEquals("sample_items_color_id: color_id -> colors.id_color", db.queryString("SELECT CONCAT(constraint_name, ': ', "
                + "column_name, ' -> ', referenced_table_name, '.', referenced_column_name) FROM information_schema.key_column_usage "
                + "WHERE table_schema = DATABASE() AND table_name = 'sample_items' AND referenced_table_name IS NOT NULL"));
        assertEquals(List.of(), engine.withModel(CatalogModel.schema(TABLES), "test").drift(), "no drift at head");
        List<String> seven = db.schemaSnapshot();
        engine.downgrade("6", false, step -> { });
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "AND table_name = 'sample_items'"), "the downgrade drops the table");
        engine.upgrade("head", step -> { });
        assertEquals(seven, db.schemaSnapshot(), "up, down, up: the same schema");
    }

    @Test
    void everyKindTravelsOverGrpcToItsColumnAndBack(@TempDir Path dir) throws Exception {
        migrated(dir);
        serve();
        Color walnut = colors().createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Walnut")).build());
        furniture.catalog.testing.v1.SampleItem given = furniture.catalog.testing.v1.SampleItem.newBuilder()
                .setName("Chair").setCode("CH01").setNotes("🪑".repeat(300)).setQuantity(3).setSerial(9_007_199_254_740_993L)
                .setPrice(Decimal.newBuilder().setValue("12.5")).setInStock(false)
                .setAvailableFrom(Timestamp.newBuilder().setSeconds(1_795_000_000L).setNanos(123_456_789))
                .setLaunchDate(Date.newBuilder().setYear(2027).setMonth(3).setDay(1)).setColorId(walnut.getId()).build();
        furniture.catalog.testing.v1.SampleItem created = items().createSampleItem(CreateSampleItemRequest.newBuilder().setSampleItem(given).build());

        assertEquals("12.50", created.getPrice().getValue(), "a decimal keeps its scale");
        assertEquals(123_456_000, created.getAvailableFrom().getNanos(), "a timestamp keeps microseconds");
        assertTrue(created.hasInStock() && !created.getInStock(), "false is a value, not absent");
        assertEquals(given.toBuilder().setPrice(Decimal.newBuilder().setValue("12.50"))
                        .setAvailableFrom(Timestamp.newBuilder().setSeconds(1_795_000_000L).setNanos(123_456_000)).build(),
                created.toBuilder().clearId().clearActive().clearCreateTime().clearUpdateTime().clearCreatedBy().clearUpdatedBy()
                        .clearEtag().build());
        assertEquals("CH01|3|9007199254740993|12.50|0|2026-11-18 11:06:40.123456|2027-03-01|" + walnut.getId() + "|300",
                db.queryString("SELECT CONCAT_WS('|', code, quantity, serial, price, in_stock, available_from, launch_date, color_id, "
                        + "CHAR_LENGTH(notes)) FROM sample_items WHERE id_sample_item = " + created.getId()), "stored as each kind's column");
        assertEquals(created, items().getSampleItem(GetSampleItemRequest.newBuilder().setId(created.getId()).build()));

        furniture.catalog.testing.v1.SampleItem updated = items().updateSampleItem(UpdateSampleItemRequest.newBuilder()
                .setSampleItem(furniture.catalog.testing.v1.SampleItem.newBuilder().setId(created.getId()).setEtag(created.getEtag())
                        .setPrice(Decimal.newBuilder().setValue("7")).setInStock(true))
                .setUpdateMask(FieldMask.newBuilder().addPaths("price").addPaths("in_stock").addPaths("serial").addPaths("launch_date")).build());
        assertEquals("7.00", updated.getPrice().getValue());
        assertTrue(updated.getInStock());
        assertFalse(updated.hasSerial(), "a path in the mask with no value clears the optional field");
        assertFalse(updated.hasLaunchDate());
        assertEquals("CH01", updated.getCode(), "fields outside the mask keep their values");
        assertEquals(List.of("Chair"), items().listSampleItems(ListSampleItemsRequest.getDefaultInstance()).getSampleItemsList().stream()
                .map(furniture.catalog.testing.v1.SampleItem::getName).toList());
    }

    @Test
    void badValuesOfEachKindAreRefusedPreciselyAndLoseNothing(@TempDir Path dir) throws Exception {
        migrated(dir);
        serve();
        Color walnut = colors().createColor(CreateColorRequest.newBuilder().setColor(Color.newBuilder().setName("Walnut")).build());
        furniture.catalog.testing.v1.SampleItem valid = furniture.catalog.testing.v1.SampleItem.newBuilder().setName("Table")
                .setCode("TB01").setQuantity(1).setPrice(Decimal.newBuilder().setValue("99.90")).setColorId(walnut.getId()).build();
        Map<String, furniture.catalog.testing.v1.SampleItem> bad = new java.util.LinkedHashMap<>();
        bad.put("sample_item.price: must have at most 2 digits after the point, not 1.005",
                valid.toBuilder().setPrice(Decimal.newBuilder().setValue("1.005")).build());
        bad.put("sample_item.price: must have at most 6 digits before the point, not 1000000",
                valid.toBuilder().setPrice(Decimal.newBuilder().setValue("1000000")).build());
        bad.put("sample_item.price: must be a decimal number such as 12.50, not 'ten'",
                valid.toBuilder().setPrice(Decimal.newBuilder().setValue("ten")).build());
        bad.put("sample_item.price: is required", valid.toBuilder().clearPrice().build());
        bad.put("sample_item.code: must be exactly 4 characters, not 2", valid.toBuilder().setCode("TB").build());
        bad.put("sample_item.launch_date: must be a full calendar date, not 2027-13-1",
                valid.toBuilder().setLaunchDate(Date.newBuilder().setYear(2027).setMonth(13).setDay(1)).build());
        bad.put("sample_item.available_from: must lie in the years 1000 to 9999, not at +10000-01-01T00:00:00Z",
                valid.toBuilder().setAvailableFrom(Timestamp.newBuilder().setSeconds(253_402_300_800L)).build());
        bad.put("sample_item.available_from: must lie in the years 1000 to 9999, not 9223372036854775807 s from 1970",
                valid.toBuilder().setAvailableFrom(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build());
        bad.put("sample_item.price: must have at most 6 digits before the point, not 1E+999999999",
                valid.toBuilder().setPrice(Decimal.newBuilder().setValue("1e999999999")).build());
        bad.put("sample_item.color_id: refers to color 999999, which does not exist", valid.toBuilder().setColorId(999_999).build());
        for (Map.Entry<String, furniture.catalog.testing.v1.SampleItem> b : bad.entrySet()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> items().createSampleItem(CreateSampleItemRequest.newBuilder().setSampleItem(b.getValue()).build()), b.getKey());
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), b.getKey());
            assertEquals(b.getKey(), e.getStatus().getDescription());
            String field = b.getKey().substring(0, b.getKey().indexOf(':'));
            assertEquals(field, detail(e, BadRequest.class).getFieldViolations(0).getField());
        }
        assertEquals(0, db.queryLong("SELECT COUNT(*) FROM sample_items"), "nothing was written");

        furniture.catalog.testing.v1.SampleItem table = items().createSampleItem(CreateSampleItemRequest.newBuilder().setSampleItem(valid).build());
        assertTrue(table.hasInStock() && table.getInStock(), "in_stock, not given, took its default");
        StatusRuntimeException taken = assertThrows(StatusRuntimeException.class, () -> items().createSampleItem(
                CreateSampleItemRequest.newBuilder().setSampleItem(valid.toBuilder().setName("Other table")).build()));
        assertEquals(Status.Code.ALREADY_EXISTS, taken.getStatus().getCode());
        assertEquals("sample_item.code", detail(taken, ErrorInfo.class).getMetadataOrThrow("field"));

        Color deleted = colors().deleteColor(DeleteColorRequest.newBuilder().setId(walnut.getId()).build());
        StatusRuntimeException referenced = assertThrows(StatusRuntimeException.class,
                () -> colors().purgeColor(PurgeColorRequest.newBuilder().setId(walnut.getId()).setEtag(deleted.getEtag()).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, referenced.getStatus().getCode());
        assertEquals("color " + walnut.getId() + " is still referenced by a sample item: change or purge those records first",
                referenced.getStatus().getDescription());
        assertEquals("STILL_REFERENCED", detail(referenced, ErrorInfo.class).getReason());
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM colors WHERE id_color = " + walnut.getId()), "the color is still there");
    }

    @Test
    void requiredFieldsWithDefaultsAreAddedToATableWithRowsAndReadBackWithoutDrift(@TempDir Path dir) throws Exception {
        MigrationEngine engine = migrated(dir);
        db.execute("INSERT INTO colors (name, active) VALUES ('Oak', 1)");
        db.execute("INSERT INTO sample_items (name, quantity, price, active) VALUES ('Stool', 1, 10.00, 1)");
        List<FieldSpec> more = new ArrayList<>(SampleItem.FIELDS);
        more.add(FieldSpec.text("finish", 20).asRequired().withDefault("matte"));
        more.add(FieldSpec.integer("legs").asRequired().withDefault(4));
        more.add(FieldSpec.decimal("discount", 5, 2).withDefault(java.math.BigDecimal.ZERO));
        more.add(FieldSpec.bool("stackable").asRequired().withDefault(false));
        more.add(FieldSpec.date("since").withDefault(java.time.LocalDate.of(2026, 1, 1)));
        more.add(FieldSpec.timestamp("checked_at").withDefault(java.time.Instant.parse("2026-01-01T00:00:00Z")));
        EntityType<SampleItem> changed = new EntityType<>("sample item", more, v -> null);
        List<EntityTable> tables = with(EntityTable.of(changed, "sample_items", "id_sample_item").withIndex("launch_date"));
        Path scripts = dir.resolve("migrations");
        List<Path> written = engine.withModel(CatalogModel.schema(tables), "test").migrate("add finish and more", scripts);
        String v8 = Files.readString(written.get(0));
        assertTrue(v8.contains("ADD COLUMN finish VARCHAR(20) NOT NULL DEFAULT 'matte'"), v8);
        assertTrue(v8.contains("ADD COLUMN checked_at DATETIME(6) NULL DEFAULT '2026-01-01 00:00:00.000000'"), v8);
        MigrationEngine at8 = new MigrationEngine(new DatabaseConnector(db.url(), db.user(), db.password()), ScriptSource.directory(scripts),
                "test", dir, Clock.systemUTC());
        at8.upgrade("head", step -> { });
        assertEquals("matte|4|0.00|0|2026-01-01|2026-01-01 00:00:00.000000", db.queryString("SELECT CONCAT_WS('|', finish, legs, "
                + "discount, stackable, since, checked_at) FROM sample_items WHERE name = 'Stool'"), "the row already there got the defaults");
        assertEquals(List.of(), at8.withModel(CatalogModel.schema(tables), "test").drift(), "each default reads back as declared");
        List<String> eight = db.schemaSnapshot();
        at8.downgrade("7", true, step -> { });
        at8.upgrade("head", step -> { });
        assertEquals(eight, db.schemaSnapshot(), "up, down, up: the same schema");
    }

    @Test
    void aProtoThatCannotCarryAKindStopsTheBindingWithOneLine() {
        CatalogUseCasesByType none = CatalogUseCasesByType.built(type -> new CatalogService<>(type, null, null, null, Clock.systemUTC()));
        List<FieldSpec> optionalQuantity = new ArrayList<>(SampleItem.FIELDS);
        optionalQuantity.set(3, FieldSpec.integer("quantity"));
        assertEquals("furniture.catalog.testing.v1.SampleItemService cannot serve the sample item: furniture.catalog.testing.v1.SampleItem.quantity must be declared "
                + "'optional int32': the field is optional, and without presence 0 cannot be told from absent", bind(optionalQuantity, none));
        List<FieldSpec> integerPrice = new ArrayList<>(SampleItem.FIELDS);
        integerPrice.set(5, FieldSpec.integer("price").asRequired());
        assertEquals("furniture.catalog.testing.v1.SampleItemService cannot serve the sample item: furniture.catalog.testing.v1.SampleItem.price is google.type.Decimal, "
                + "the integer price needs int32", bind(integerPrice, none));
    }

    private static String bind(List<FieldSpec> fields, CatalogUseCasesByType useCases) {
        EntityType<SampleItem> variant = new EntityType<>("sample item", fields, v -> null);
        return assertThrows(IllegalStateException.class, () -> GrpcModule.services(List.of(variant), List.of(new GrpcModule.Binding(variant,
                BINDING.service(), BINDING.resource())), useCases)).getMessage();
    }

    @Test
    void aReferenceToAnUndeclaredEntityIsOneLine() {
        List<EntityTable> withoutColors = List.of(EntityTable.of(SampleItem.TYPE, "sample_items", "id_sample_item"));
        assertEquals("the model cannot be expressed: sample_items.color_id refers to a 'color', which is not a declared entity type "
                + "(sample item)", assertThrows(MigrationException.class, () -> CatalogModel.schema(withoutColors)).getMessage());
        assertEquals("sample_items: an index names 'colour', which is not a field of the sample item", assertThrows(
                IllegalArgumentException.class, () -> StorageModel.declare(with(EntityTable.of(SampleItem.TYPE, "sample_items",
                        "id_sample_item").withIndex("colour")))).getMessage());
    }

    /** The database at today's head plus the sample's generated migration (V7), applied. */
    private MigrationEngine migrated(Path dir) throws Exception {
        db.recreate();
        Path scripts = Cli.copyBuiltInScripts(Files.createDirectories(dir.resolve("migrations")));
        DatabaseConnector connector = new DatabaseConnector(db.url(), db.user(), db.password());
        Supplier<MigrationEngine> engine = () -> new MigrationEngine(connector, ScriptSource.directory(scripts), "test", dir, Clock.systemUTC());
        engine.get().upgrade("head", step -> { });
        List<Path> written = engine.get().withModel(CatalogModel.schema(TABLES), "the test model").migrate("add sample items", scripts);
        String v7 = Files.readString(written.get(0));
        assertTrue(written.get(0).getFileName().toString().startsWith("V7__add_sample_items"), written.toString());
        assertTrue(v7.contains("CREATE TABLE sample_items ("), v7);
        assertTrue(v7.contains("ALTER TABLE sample_items ADD CONSTRAINT sample_items_color_id FOREIGN KEY (color_id) REFERENCES colors (id_color)"), v7);
        engine.get().upgrade("head", step -> { });
        return engine.get();
    }

    private void serve() throws Exception {
        List<GrpcModule.Binding> bindings = new ArrayList<>(GrpcModule.BINDINGS);
        bindings.add(BINDING);
        server = ModelServer.start(db, TABLES, bindings);
    }

    private SampleItemServiceGrpc.SampleItemServiceBlockingStub items() {
        return ModelServer.as(SampleItemServiceGrpc.newBlockingStub(server.channel), ModelServer.EDITOR);
    }

    private ColorServiceGrpc.ColorServiceBlockingStub colors() {
        return ModelServer.as(ColorServiceGrpc.newBlockingStub(server.channel), ModelServer.ADMIN);
    }

    private static <D extends com.google.protobuf.Message> D detail(StatusRuntimeException e, Class<D> type) throws Exception {
        for (com.google.protobuf.Any any : StatusProto.fromThrowable(e).getDetailsList()) {
            if (any.is(type)) {
                return any.unpack(type);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + e.getStatus());
    }
}
