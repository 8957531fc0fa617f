package dev.velocitytrinity.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code <tool> config}: groups the config subcommands. */
@Command(
    name = "config",
    description = "Inspect the tool's configuration.",
    mixinStandardHelpOptions = true,
    subcommands = ConfigShowCommand.class)
public final class ConfigCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
