package furniture.catalog.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import furniture.catalog.migrations.parse.ScriptSplitter;
import furniture.catalog.migrations.parse.ScriptStatement;
import furniture.catalog.testkit.CatalogDatabase;
import furniture.catalog.testkit.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One splitter for running and analysing, on a script that holds what a hand-written splitter gets wrong: executable
 * comments ({@code /*!40101}, one for MySQL 8 only, a {@code /*!} without a version and a {@code /*M!} alone, which
 * Flyway takes for comments and never sends), {@code ;} and {@code --} inside quotes, {@code DELIMITER} with a stored
 * procedure, a statement after a trailing comment. The statements analysed are those Flyway's migrate sends to JDBC
 * (this pins the internal parser ScriptSplitter uses), those {@code --sql} prints, and those the run marker counts; and
 * the upgrade runs them (its per-statement check would stop it on the first that differs).
 */
@CatalogDatabase
class OneSplitterTest {
    static final String SCRIPT = String.join("\n",
            "-- every construct of a MySQL script that splits badly",
            "/*!40101 SET @saved_cs_client = @@character_set_client */;",
            "/*!80023 SET @mysql8_only = 1 */;",
            "/*! SET @unversioned = 1 */;",
            "/*M!100100 SET @mariadb_only = 1 */;",
            "CREATE TABLE notes (",
            "  id INT NOT NULL AUTO_INCREMENT, -- the key",
            "  body VARCHAR(100) NULL, # a hash comment",
            "  PRIMARY KEY (id)",
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4; -- a comment after the delimiter",
            "INSERT INTO notes (body) VALUES ('a;--b'), ('x # y'), (\"dq;--\"), ('it\\'s; fine'), ('it''s; fine');",
            "DELIMITER $$",
            "-- catalog:reviewed the procedure only counts notes",
            "CREATE PROCEDURE count_notes()",
            "BEGIN",
            "  SELECT COUNT(*) FROM notes;",
            "END$$",
            "DELIMITER ;",
            "ALTER TABLE notes ADD COLUMN extra INT NULL /*!80023 INVISIBLE */;",
            "/*!40101 SET character_set_client = @saved_cs_client */;",
            "");

    private final TestDatabase db;

    OneSplitterTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void flywaysMigrateSendsExactlyTheStatementsTheSplitterFinds() throws Exception {
        List<ScriptStatement> split = ScriptSplitter.mariaDb().split("V1__constructs.sql", SCRIPT);
        assertEquals(7, split.size(), split.toString());
        assertTrue(split.get(0).sql().startsWith("-- every construct"), "the comments before a statement go with it");
        assertEquals("$$", split.get(4).delimiter(), "the procedure ends with its DELIMITER");
        assertTrue(split.get(4).sql().contains("SELECT COUNT(*) FROM notes;\nEND"), split.get(4).sql());
        assertTrue(split.stream().noneMatch(s -> s.sql().contains("@unversioned") || s.sql().contains("@mariadb_only")),
                "a /*! or /*M! comment alone is a comment to Flyway, so never sent");

        db.recreate();
        Path dir = Files.createTempDirectory("constructs");
        Files.writeString(dir.resolve("V1__constructs.sql"), SCRIPT);
        List<String> jdbc = new ArrayList<>();
        List<String> callback = new ArrayList<>();
        boolean[] migrating = {false};
        Flyway.configure().dataSource(recording(db, sql -> {
            if (migrating[0]) {
                jdbc.add(sql);
            }
        })).locations("filesystem:" + dir).skipDefaultCallbacks(true).callbacks(new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE || event == Event.BEFORE_EACH_MIGRATE_STATEMENT;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                switch (event) {
                    case BEFORE_EACH_MIGRATE -> migrating[0] = true;
                    case AFTER_EACH_MIGRATE -> migrating[0] = false;
                    default -> callback.add(context.getStatement().getSql());
                }
            }

            @Override
            public String getCallbackName() {
                return "recorder";
            }
        }).load().migrate();

        assertEquals(split.stream().map(ScriptStatement::sql).toList(), jdbc, "JDBC got exactly the split statements");
        assertEquals(split.stream().map(ScriptStatement::asFlywayCallbackSees).toList(), callback, "and the callbacks saw each with its delimiter");
        assertEquals("a;--b, x # y, dq;--, it's; fine, it's; fine", db.queryString("SELECT GROUP_CONCAT(body ORDER BY id SEPARATOR ', ') FROM notes"));
    }

    @Test
    void theUpgradeAnalysesPrintsCountsAndRunsTheSameStatements(@TempDir Path dir) throws Exception {
        db.recreate();
        Path scripts = Engines.copyOfScripts(Files.createDirectories(dir.resolve("scripts")));
        Files.writeString(scripts.resolve("V7__constructs.sql"), SCRIPT + "SELECT * FROM no_such_table;\n");
        Files.writeString(scripts.resolve("D7__constructs.sql"), "DROP PROCEDURE count_notes;\nDROP TABLE notes;\n");
        MigrationEngine engine = Engines.engine(db, dir, scripts);
        Engines.upgrade(engine, "6");
        List<ScriptStatement> split = ScriptSplitter.mariaDb().split("V7__constructs.sql", Files.readString(scripts.resolve("V7__constructs.sql")));
        assertEquals(8, split.size());

        String printed = engine.upgradeSql("head");
        for (ScriptStatement s : split) {
            String shown = ";".equals(s.delimiter()) ? s.sql() + (s.sql().lines().reduce((a, b) -> b).orElse("").contains("--") ? "\n;" : ";")
                    : "DELIMITER $$\n" + s.sql() + "$$\nDELIMITER ;";
            assertTrue(printed.contains(shown + "\n"), "--sql prints statement " + s.index() + " as it runs:\n" + shown + "\n in:\n" + printed);
        }

        MigrationException failed = org.junit.jupiter.api.Assertions.assertThrows(MigrationException.class, () -> Engines.upgrade(engine, "head"));
        assertTrue(failed.getMessage().contains("no_such_table"), failed.getMessage());
        String check = engine.check().message();
        assertTrue(check.startsWith("upgrade of 7 (V7__constructs.sql) stopped after 7 of 8 statements: "), "the marker counts the split: " + check);
        assertEquals(5, db.queryLong("SELECT COUNT(*) FROM notes"), "the seven before the last ran");
        assertEquals(1, db.queryLong("SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = DATABASE() "
                + "AND routine_name = 'count_notes'"), "the procedure ran whole");
    }

    /** A DataSource whose connections report every SQL string given to Statement.execute* and addBatch. */
    private static DataSource recording(TestDatabase db, Consumer<String> sink) {
        return (DataSource) Proxy.newProxyInstance(OneSplitterTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, m, a) -> switch (m.getName()) {
                    case "getConnection" -> wrap(Connection.class, DriverManager.getConnection(db.url(), db.user(), db.password()), sink);
                    case "isWrapperFor" -> false;
                    case "getLoginTimeout" -> 0;
                    case "toString" -> "recording " + db.name();
                    default -> null;
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(Class<T> type, T real, Consumer<String> sink) {
        return (T) Proxy.newProxyInstance(OneSplitterTest.class.getClassLoader(), new Class<?>[] {type}, (proxy, m, a) -> {
            if (a != null && a.length > 0 && a[0] instanceof String sql && (m.getName().startsWith("execute") || m.getName().equals("addBatch"))) {
                sink.accept(sql);
            }
            try {
                Object result = m.invoke(real, a);
                return result instanceof java.sql.Statement s && !(result instanceof java.sql.PreparedStatement)
                        ? wrap(java.sql.Statement.class, s, sink) : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
