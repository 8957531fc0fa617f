package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code livepatch certs}: groups the certificate commands. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description = "Create the CA and issue agent and client certificates.",
    subcommands = {CertsInitCommand.class, CertsIssueClientCommand.class})
final class CertsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("livepatch certs: error: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
