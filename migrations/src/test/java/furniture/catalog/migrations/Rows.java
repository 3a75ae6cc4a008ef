package furniture.catalog.migrations;

import furniture.catalog.testkit.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Table contents as text, to compare before and after, and running SQL files. */
final class Rows {
    private Rows() {}

    static List<String> of(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM `" + table + "` ORDER BY 1")) {
            return asText(rs);
        }
    }

    /** Each row as its columns joined by " | ". */
    static List<String> asText(ResultSet rs) throws SQLException {
        return TestDatabase.asText(rs);
    }

    static void runScript(TestDatabase db, String script) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (furniture.catalog.migrations.parse.ScriptStatement statement
                    : furniture.catalog.migrations.parse.ScriptSplitter.forData().split("a test's script", script)) {
                s.execute(statement.sql());
            }
        }
    }

    static void runResource(TestDatabase db, String resource) throws SQLException, IOException {
        try (InputStream in = Rows.class.getResourceAsStream(resource)) {
            runScript(db, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
