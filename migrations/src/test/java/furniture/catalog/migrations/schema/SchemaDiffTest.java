package furniture.catalog.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison emits operations, the scripts are rendered from them, the downgrade from their inverses: no database. */
class SchemaDiffTest {
    private static final Column ID = new Column("id_color", SqlType.parse("INT"), false, null, true);
    private static final Column NAME = new Column("name", SqlType.parse("VARCHAR(50)"), false, null, false);
    private static final Table COLORS = new Table("colors", List.of(ID, NAME), List.of("id_color"), List.of(new Index("name", true, List.of("name"))),
            List.of());

    @Test
    void aNewOptionalColumnAndItsDrop() {
        Table withHex = new Table("colors", List.of(ID, NAME, new Column("hex_code", SqlType.parse("CHAR(7)"), true, null, false)),
                List.of("id_color"), COLORS.indexes(), List.of());
        List<Change> changes = SchemaDiff.between(new Schema(List.of(COLORS)), new Schema(List.of(withHex)));
        assertEquals("-- colors.hex_code is in the model but not in the database\nALTER TABLE colors ADD COLUMN hex_code CHAR(7) NULL;\n",
                Scripts.upgrade(changes));
        assertEquals("-- undoes: colors.hex_code is in the model but not in the database\n-- review: drops data\n"
                + "ALTER TABLE colors DROP COLUMN hex_code;\n", Scripts.downgrade(changes));
    }

    @Test
    void aNewTableWithAForeignKeyIsUndoneByTheTablesDrop() {
        Table f = new Table("f", List.of(new Column("id_f", SqlType.parse("INT"), false, null, true), new Column("id_color", SqlType.parse("INT"),
                true, null, false)), List.of("id_f"), List.of(), List.of(new ForeignKey("f_color", List.of("id_color"), "colors", List.of("id_color"), null)));
        List<Change> changes = SchemaDiff.between(new Schema(List.of(COLORS)), new Schema(List.of(COLORS, f)));
        assertEquals(List.of("CREATE TABLE f", "ALTER TABLE f ADD CONSTRAINT f_color FOREIGN KEY (id_color) REFERENCES colors (id_color)"),
                Scripts.upgrade(changes).lines().filter(l -> !l.startsWith("--") && !l.startsWith(" ") && !l.startsWith(")"))
                        .map(l -> l.replaceAll(" \\($|;$", "")).toList());
        assertEquals("-- undoes: table f is in the model but not in the database\n-- review: drops data\nDROP TABLE f;\n", Scripts.downgrade(changes));
    }

    @Test
    void aNarrowedTypeIsReviewedAndItsDowngradeWidensBack() {
        Table narrow = new Table("colors", List.of(ID, new Column("name", SqlType.parse("VARCHAR(20)"), false, null, false)), List.of("id_color"),
                COLORS.indexes(), List.of());
        List<Change> changes = SchemaDiff.between(new Schema(List.of(COLORS)), new Schema(List.of(narrow)));
        assertEquals("-- colors.name is VARCHAR(50), the model says VARCHAR(20)\n-- review: narrows colors.name from VARCHAR(50) to VARCHAR(20): "
                + "values that do not fit are refused or cut\nALTER TABLE colors MODIFY COLUMN name VARCHAR(20) NOT NULL;\n", Scripts.upgrade(changes));
        assertEquals("-- undoes: colors.name is VARCHAR(50), the model says VARCHAR(20)\nALTER TABLE colors MODIFY COLUMN name VARCHAR(50) NOT NULL;\n",
                Scripts.downgrade(changes), "widening back destroys nothing: no drops-data note");
    }
}
