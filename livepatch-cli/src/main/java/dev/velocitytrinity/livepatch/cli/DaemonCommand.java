package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code livepatch daemon}: groups the commands of the background process that serves syncs. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "The background process that serves syncs warm (Linux and macOS).",
      "A sync that runs without one starts it; later syncs hand their whole command line to it",
      "and skip the JVM's start-up. --no-daemon or daemon.enabled=false turns this off."
    },
    subcommands = {DaemonStatusCommand.class, DaemonStopCommand.class, DaemonRunCommand.class})
final class DaemonCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("livepatch daemon: error: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
