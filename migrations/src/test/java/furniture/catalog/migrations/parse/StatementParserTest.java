package furniture.catalog.migrations.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.operation.Operation;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-written SQL, in MySQL's many spellings, into operations: no database. */
class StatementParserTest {
    static Stream<Arguments> spellings() {
        return Stream.of(
                Arguments.of("DROP TABLE colors", "drop table colors"),
                Arguments.of("drop table if exists `colors`, roles", "drop table colors; drop table roles"),
                Arguments.of("DROP TABLE db.colors CASCADE", "drop table colors"),
                Arguments.of("ALTER TABLE colors DROP name", "drop column colors.name"),
                Arguments.of("ALTER TABLE `colors` DROP COLUMN `name`", "drop column colors.name"),
                Arguments.of("alter table colors drop column if exists name", "drop column colors.name"),
                Arguments.of("ALTER TABLE colors # why\n DROP COLUMN name", "drop column colors.name"),
                Arguments.of("ALTER TABLE colors -- why\n DROP `order`, DROP INDEX name", "drop column colors.order; drop index name on colors"),
                Arguments.of("ALTER TABLE colors CHANGE name title VARCHAR(20) NOT NULL",
                        "change column colors.name to title VARCHAR(20) NOT NULL"),
                Arguments.of("ALTER TABLE colors CHANGE COLUMN name name VARCHAR(20) NULL", "modify column colors.name VARCHAR(20) NULL"),
                Arguments.of("ALTER TABLE colors MODIFY name VARCHAR(20) NOT NULL DEFAULT 'x'", "modify column colors.name VARCHAR(20) NOT NULL"),
                Arguments.of("ALTER TABLE colors MODIFY COLUMN price DECIMAL(8, 2) UNSIGNED NULL",
                        "modify column colors.price DECIMAL(8,2) UNSIGNED NULL"),
                Arguments.of("ALTER ONLINE TABLE colors ADD COLUMN hex CHAR(7) NULL AFTER name", "add column colors.hex"),
                Arguments.of("ALTER TABLE colors RENAME COLUMN name TO title", "rename column colors.name to title"),
                Arguments.of("ALTER TABLE colors RENAME TO paints", "rename table colors to paints"),
                Arguments.of("RENAME TABLE colors TO paints", "rename table colors to paints"),
                Arguments.of("ALTER TABLE colors DROP comment, DROP KEY name", "drop column colors.comment; drop index name on colors"),
                Arguments.of("ALTER TABLE colors FROBNICATE name", "not understood: an ALTER clause the parser keeps as text: FROBNICATE name"),
                Arguments.of("TRUNCATE colors", "truncate table colors"),
                Arguments.of("TRUNCATE TABLE `colors`", "truncate table colors"),
                Arguments.of("DELETE FROM colors", "delete every row from colors"),
                Arguments.of("delete from colors where id_color > 0", "delete the rows WHERE id_color > 0 from colors"),
                Arguments.of("DELETE FROM colors WHERE name = 'a;--b' ORDER BY id_color LIMIT 2",
                        "delete the rows WHERE name = 'a;--b' from colors"),
                Arguments.of("UPDATE products SET price = price * 1.1 WHERE category = 'chairs'",
                        "update price of the rows WHERE category = 'chairs' in products"),
                Arguments.of("ALTER TABLE roles ADD UNIQUE KEY uq (name, active)", "add unique key uq (name, active) on roles"),
                Arguments.of("ALTER TABLE roles ADD UNIQUE (name)", "add unique key (name) on roles"),
                Arguments.of("ALTER TABLE roles ADD CONSTRAINT uq UNIQUE (name)", "add unique key uq (name) on roles"),
                Arguments.of("CREATE UNIQUE INDEX uq ON roles (name)", "add unique key uq (name) on roles"),
                Arguments.of("CREATE INDEX ix ON roles (name) ALGORITHM=INPLACE LOCK=NONE", "add index ix (name) on roles"),
                Arguments.of("ALTER TABLE roles ADD INDEX IF NOT EXISTS ix (name)", "add index ix (name) on roles"),
                Arguments.of("DROP INDEX ix ON `roles`", "drop index ix on roles"),
                Arguments.of("ALTER TABLE f ADD CONSTRAINT fk FOREIGN KEY (id_color) REFERENCES colors (id_color) ON DELETE CASCADE",
                        "add foreign key fk (id_color) on f to colors"),
                Arguments.of("ALTER TABLE f DROP FOREIGN KEY fk, DROP INDEX fk", "drop foreign key fk on f; drop index fk on f"),
                Arguments.of("INSERT INTO colors (name, active) VALUES ('a', 1)", "insert into colors"),
                Arguments.of("SET foreign_key_checks = 0", "set statement (SET foreign_key_checks = 0)"),
                Arguments.of("ALTER IGNORE TABLE roles ADD UNIQUE (name)",
                        "not understood: ALTER IGNORE TABLE deletes the rows that a new unique key would reject"),
                Arguments.of("CALL cleanup()", "not understood: a CALL runs a stored program, whose effect is not analysed"),
                Arguments.of("DELETE c FROM colors c JOIN roles r ON r.name = c.name",
                        "not understood: a DELETE through a join or of several tables: the rows it deletes are not worked out"),
                Arguments.of("REPLACE INTO colors (id_color, name) VALUES (1, 'a')",
                        "not understood: REPLACE deletes the rows whose keys it meets before it inserts"),
                Arguments.of("ALTER TABLE t DROP PARTITION p0",
                        "not understood: DROP PARTITION destroys the partition's rows, which are not counted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void eachSpellingIsTheOperationItMeans(String sql, String expected) {
        assertEquals(expected, describe(StatementParser.parse(sql).operations()));
    }

    @org.junit.jupiter.api.Test
    void aStatementItRejectsIsOpaqueAndSaysWhereItStopped() {
        StatementParser.Parsed parsed = StatementParser.parse("DELETE FROM colors\n  WHERE AND id = 1");
        assertEquals(2, parsed.failure().line());
        assertEquals("AND", parsed.failure().token());
        assertTrue(parsed.operations().get(0) instanceof Operation.Opaque);
    }

    @org.junit.jupiter.api.Test
    void columnDefinitionsAreRead() {
        Operation.ModifyColumn m = (Operation.ModifyColumn) StatementParser.parse(
                "ALTER TABLE t MODIFY n INT UNSIGNED NOT NULL DEFAULT 1").operations().get(0);
        assertEquals("INT UNSIGNED", m.to().type().toString());
        assertEquals(false, m.to().nullable());
        assertEquals("1", m.to().defaultValue());
    }

    static String describe(List<Operation> ops) {
        return ops.stream().map(Operation::describe).collect(Collectors.joining("; "));
    }
}
