package furniture.catalog.migrations.parse;

import java.util.List;

/**
 * One script's statements with their operations.
 *
 * @param name the file name
 * @param label what it does, for messages ("the upgrade of 7 (add sku)")
 */
public record AnalysedScript(String name, String label, List<AnalysedStatement> statements) {
    public AnalysedScript {
        statements = List.copyOf(statements);
    }
}
