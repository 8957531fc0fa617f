package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.ConfigCommand;
import dev.velocitytrinity.core.cli.RootCommand;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.cli.ToolMain;
import dev.velocitytrinity.core.cli.ToolRunner;
import dev.velocitytrinity.core.cli.VersionProvider;
import dev.velocitytrinity.quantum.config.QuantumConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** The {@code quantum} command. */
@Command(
    name = "quantum",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Quantum Merge: a speculative merge queue.",
    subcommands = {
      ServeCommand.class,
      WorkerCommand.class,
      EnqueueCommand.class,
      DequeueCommand.class,
      StatusCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      SimulateCommand.class,
      ConfigCommand.class
    })
public final class QuantumCli extends RootCommand {

  public static void main(String[] args) {
    ToolMain.exit(QuantumCli::run, args);
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment env) {
    return new ToolRunner(QuantumCli.class, QuantumConfig.SCHEMA).run(args, out, err, env);
  }
}
