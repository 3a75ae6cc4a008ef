package furniture.catalog.migrations.schema;

import java.util.List;
import java.util.Optional;

/** The tables of a database, or of the model. */
public record Schema(List<Table> tables) {
    public Schema {
        tables = List.copyOf(tables);
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
