package furniture.catalog.server.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every command (picocli's standard mixin would add an empty {@code --version} too). */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help, with examples, and exit.")
    boolean help;
}
