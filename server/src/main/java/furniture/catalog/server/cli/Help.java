package furniture.catalog.server.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code catalog help [COMMAND…]}: the help of any command, however deep ({@code catalog help db upgrade}); picocli's
 * own help command takes one level only.
 */
@Command(name = "help", helpCommand = true, description = "Show the help of a command, e.g. `catalog help db upgrade`.",
        footer = {"", "Examples:", "  catalog help db upgrade", "  catalog help serve"})
final class Help implements CommandLine.IHelpCommandInitializable2, Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, as you would type it: `db upgrade`.")
    List<String> path = List.of();

    @picocli.CommandLine.Mixin
    HelpOption help;

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter, PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
        this.err = errWriter;
    }

    /** "there is no `catalog db upgrad`; the commands of `catalog db`: upgrade, … (see `catalog db --help`)". */
    static String unknown(CommandLine parent, String name) {
        String qualified = parent.getCommandSpec().qualifiedName();
        return "there is no `" + qualified + " " + name + "`; the commands of `" + qualified + "`: "
                + String.join(", ", parent.getSubcommands().keySet()) + " (see `" + qualified + " --help`)";
    }

    @Override
    public Integer call() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                err.println("catalog: " + unknown(target, name));
                err.flush();
                return 2;
            }
            target = next;
        }
        target.usage(out, colors);
        out.flush();
        return 0;
    }
}
