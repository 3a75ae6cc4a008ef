package furniture.catalog.migrations;

import furniture.catalog.migrations.history.DatabaseState;
import furniture.catalog.migrations.schema.Change;
import furniture.catalog.migrations.schema.Schema;
import furniture.catalog.migrations.schema.SchemaDiff;
import furniture.catalog.migrations.schema.SchemaReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The model against the live schema: drift for {@code check} and {@code serve}, and {@code migrate}/{@code diff},
 * Flask-Migrate's autogenerate. Comparing is only meaningful at head: there the live schema should be exactly what the
 * model declares.
 */
final class ModelCompare {
    private final MigrationContext ctx;
    private final Schema model;
    private final String modelName;

    ModelCompare(MigrationContext ctx, Schema model, String modelName) {
        this.ctx = ctx;
        this.model = model;
        this.modelName = modelName;
    }

    Schema model() {
        return model;
    }

    /** The same model, compared through {@code other}. */
    ModelCompare on(MigrationContext other) {
        return new ModelCompare(other, model, modelName);
    }

    /** What differs from the model now (at whatever version the database is). */
    List<Change> changes() {
        try (Connection c = ctx.connector().connect()) {
            return SchemaDiff.between(SchemaReader.read(c), model);
        } catch (SQLException e) {
            throw ctx.connector().explain(e);
        }
    }

    /** The drift line of {@code check}: every difference named, breaking ones first. */
    static String describe(List<Change> changes) {
        List<Change> ordered = new java.util.ArrayList<>(SchemaDiff.breaking(changes));
        changes.stream().filter(c -> !c.breaking()).forEach(ordered::add);
        return "the schema differs from the model: " + ordered.stream().map(Change::describe).collect(Collectors.joining("; "));
    }

    /** {@code migrate}/{@code diff}: what the next migration must do, or a failure when the database is not at head. */
    List<Change> pendingForMigrate() {
        MigrationSet set = ctx.migrations();
        DatabaseState state = ctx.state();
        Status.problem(set, state).ifPresent(p -> {
            throw MigrationException.failure(p);
        });
        if (state.awaitingAdoption() || state.version() != set.head()) {
            throw MigrationException.failure("the database is at " + (state.awaitingAdoption() ? "Flask-Migrate's "
                    + state.alembicRevision().get() : state.version() == 0 ? "base" : state.version()) + ", head is "
                    + (set.head() == 0 ? "base" : set.head()) + "; run `catalog db upgrade` first, so that the new migration "
                    + "starts from the schema the others leave");
        }
        return changes();
    }

    /** Writes the next V/D pair into {@code folder}, or nothing when the database already matches the model. */
    List<Path> migrate(String message, Path folder) {
        List<Change> changes = pendingForMigrate();
        if (changes.isEmpty()) {
            return List.of();
        }
        return new RevisionWriter(folder, ctx.clock()).writeGenerated(message, changes, modelName);
    }
}
