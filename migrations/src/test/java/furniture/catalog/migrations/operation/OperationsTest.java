package furniture.catalog.migrations.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.schema.Column;
import furniture.catalog.migrations.schema.ForeignKey;
import furniture.catalog.migrations.schema.Index;
import furniture.catalog.migrations.schema.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each operation's inverse, what it destroys and what it needs, and their SQL: no database. */
class OperationsTest {
    private static final Column HEX = new Column("hex_code", SqlType.parse("CHAR(7)"), true, null, false);

    @Test
    void everyGeneratedOperationIsUndoneByItsInverse() {
        List<Operation> ops = List.of(new Operation.AddColumn("colors", HEX, " AFTER name"),
                new Operation.AddIndex("colors", new Index("colors_hex", true, List.of("hex_code"))),
                new Operation.AddForeignKey("f", new ForeignKey("f_color", List.of("id_color"), "colors", List.of("id_color"), "CASCADE")),
                new Operation.RenameColumn("colors", "name", "title"),
                new Operation.ModifyColumn("colors", "title", new Column("title", SqlType.parse("VARCHAR(60)"), false, null, false),
                        new Column("title", SqlType.parse("VARCHAR(50)"), false, null, false)),
                new Operation.ChangePrimaryKey("t", List.of("a"), List.of("a", "b")), new Operation.RenameTable("colors", "paints"));
        for (Operation op : ops) {
            assertEquals(op, op.inverse().orElseThrow().inverse().orElseThrow(), "the inverse of the inverse is the operation: " + op);
        }
        assertEquals(List.of("RENAME TABLE paints TO colors", "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (a)",
                "ALTER TABLE colors MODIFY COLUMN title VARCHAR(50) NOT NULL", "ALTER TABLE colors RENAME COLUMN title TO name",
                "ALTER TABLE f DROP FOREIGN KEY f_color, DROP INDEX f_color", "ALTER TABLE colors DROP INDEX colors_hex",
                "ALTER TABLE colors DROP COLUMN hex_code"), Render.inverse(ops).stream().map(Render::sql).toList());
    }

    @Test
    void aDropIsUndoneOnlyWhenWhatItDropsIsKnown() {
        assertTrue(new Operation.DropColumn("colors", "hex_code", null, null).inverse().isEmpty(), "a hand-written drop says nothing of the column");
        assertEquals("ALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL AFTER name",
                Render.sql(new Operation.DropColumn("colors", "hex_code", HEX, " AFTER name").inverse().orElseThrow()));
        assertThrows(IllegalArgumentException.class, () -> Render.inverse(List.of(new Operation.Truncate("colors"))),
                "a truncate has no inverse: its data is only in a backup");
    }

    @Test
    void theRequiredColumnPatternIsUndoneByTheDropAlone() {
        Column nullable = new Column("sku", SqlType.parse("VARCHAR(50)"), true, null, false);
        Column required = new Column("sku", SqlType.parse("VARCHAR(50)"), false, null, false);
        List<Operation> up = List.of(new Operation.AddColumn("wood_types", nullable, ""),
                new Operation.Update("wood_types", List.of("sku"), "sku = ''", "sku IS NULL", "", true),
                new Operation.ModifyColumn("wood_types", "sku", required, nullable));
        assertEquals(List.of("ALTER TABLE wood_types DROP COLUMN sku"), Render.inverse(up).stream().map(Render::sql).toList());
        assertTrue(Render.sql(up.get(1)).startsWith("-- catalog:placeholder"), Render.sql(up.get(1)));
    }

    @Test
    void whatEachDestroysAndNeeds() {
        assertEquals(List.of(new DataAtRisk.WholeTable("colors", "dropped")), new Operation.DropTable("colors", null).destroys());
        assertEquals(List.of(new DataAtRisk.WholeTable("colors", "truncated")), new Operation.Truncate("colors").destroys());
        assertEquals(List.of(new DataAtRisk.Rows("colors", "id > 1", "LIMIT 2", List.of())), new Operation.Delete("colors", "id > 1", "LIMIT 2").destroys());
        assertEquals(List.of(new DataAtRisk.Rows("p", "x = 1", "", List.of("price"))),
                new Operation.Update("p", List.of("price"), "price = price * 1.1", "x = 1", "", false).destroys());
        Operation narrower = new Operation.ModifyColumn("colors", "name", new Column("name", SqlType.parse("VARCHAR(3)"), false, null, false), null);
        assertEquals(List.of(new DataAtRisk.Narrowing("colors", "name", SqlType.parse("VARCHAR(3)"))), narrower.destroys());
        assertEquals(List.of(new Requirement.Fits("colors", "name", SqlType.parse("VARCHAR(3)")), new Requirement.NotNull("colors", "name")),
                narrower.needs());
        assertEquals(List.of(new Requirement.Unique("roles", List.of("name"))),
                new Operation.AddIndex("roles", new Index("uq", true, List.of("name"))).needs());
        assertEquals(List.of(), new Operation.AddIndex("roles", new Index("ix", false, List.of("name"))).needs());
        assertEquals(List.of(new Requirement.References("f", List.of("c"), "colors", List.of("id"))),
                new Operation.AddForeignKey("f", new ForeignKey("fk", List.of("c"), "colors", List.of("id"), null)).needs());
        assertEquals(List.of(), new Operation.AddColumn("colors", HEX, "").destroys());
    }
}
