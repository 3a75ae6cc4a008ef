package furniture.catalog.server.cli;

import furniture.catalog.migrations.MigrationException;
import furniture.catalog.embedded.EmbeddedDatabaseException;
import furniture.catalog.migrations.schema.Schema;
import furniture.catalog.server.model.CatalogModel;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code catalog}: the one entry point of the server jar. */
@Command(name = "catalog", mixinStandardHelpOptions = true, version = "catalog 0.1.0",
        description = "The furniture store's catalog service.",
        subcommands = {DbCommand.class, furniture.catalog.server.serve.ServeCommand.class, Help.class},
        footer = {"", "Examples:", "  catalog serve                 # the embedded database, gRPC on 127.0.0.1:9090",
                "  catalog db upgrade            # the configured database (CATALOG_DB_URL) to head",
                "  catalog help db upgrade       # the help of one command (or: catalog db upgrade --help)"})
public final class CatalogCli {
    /** Columns of {@code --help}. */
    static final int HELP_WIDTH = 100;

    private final Supplier<Schema> model;

    private CatalogCli(Supplier<Schema> model) {
        this.model = model;
    }

    /** The model the db commands compare the database with (migrate, diff, check). */
    Schema model() {
        return model.get();
    }

    public static void main(String[] args) {
        if (Boolean.getBoolean("catalog.cds.training")) {
            CdsTraining.preload();
        }
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (args.length > 0 && "serve".equals(args[0])) {
            // serve logs through an asynchronous appender: write out what it holds. The db commands never start logback
            // just for this (it would cost them a third of their run time).
            furniture.catalog.server.serve.Logging.flush();
        }
        System.exit(code);
    }

    /** Runs a command line; returns the exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, CatalogModel::schema);
    }

    /**
     * Runs a command line against another model than the product's: for a test that plays a change of the model
     * through the real commands (the README's "Changing the model" walk-through).
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<Schema> model) {
        CommandLine cli = new CommandLine(new CatalogCli(model));
        cli.setUsageHelpWidth(HELP_WIDTH); // the same help on every terminal, as docs/cli.md quotes it
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args1) -> {
            // One line, as for every other usage error; the usage itself is one --help away.
            CommandLine where = e.getCommandLine();
            if (e instanceof CommandLine.UnmatchedArgumentException u && !where.getSubcommands().isEmpty()
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                err.println("catalog: " + Help.unknown(where, u.getUnmatched().get(0)));
                err.flush();
                return 2;
            }
            err.println("catalog: " + e.getMessage() + " (see `" + where.getCommandSpec().qualifiedName() + " --help`)");
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose") || parseResult.subcommands().stream()
                    .anyMatch(p -> p.hasMatchedOption("--verbose") || p.subcommands().stream().anyMatch(q -> q.hasMatchedOption("--verbose")));
            err.println("catalog: " + message(e));
            if (verbose) {
                // A driver's message may quote the URL it was given: never a password through --verbose either.
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(furniture.catalog.migrations.DatabaseConnector.redacted(trace.toString()));
            }
            err.flush();
            return e instanceof MigrationException m && m.kind() == MigrationException.Kind.USAGE ? 2 : 1;
        });
        return cli.execute(args);
    }

    private static String message(Exception e) {
        if (e instanceof MigrationException || e instanceof EmbeddedDatabaseException) {
            return e.getMessage();
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return "unexpected " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + " (rerun with --verbose for details)";
    }
}
