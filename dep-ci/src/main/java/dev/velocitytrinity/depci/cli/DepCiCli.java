package dev.velocitytrinity.depci.cli;

import dev.velocitytrinity.core.cli.ConfigCommand;
import dev.velocitytrinity.core.cli.RootCommand;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.cli.ToolMain;
import dev.velocitytrinity.core.cli.ToolRunner;
import dev.velocitytrinity.core.cli.VersionProvider;
import dev.velocitytrinity.depci.config.DepCiConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** The {@code dep-ci} command. */
@Command(
    name = "dep-ci",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Finds what a change affects, from the import graph of TypeScript/JavaScript and Python.",
    subcommands = {
      AnalyzeCommand.class,
      GraphCommand.class,
      UnresolvedCommand.class,
      ConfigCommand.class
    })
public final class DepCiCli extends RootCommand {

  public static void main(String[] args) {
    ToolMain.exit(DepCiCli::run, args);
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment env) {
    return new ToolRunner(DepCiCli.class, DepCiConfig.SCHEMA).run(args, out, err, env);
  }
}
