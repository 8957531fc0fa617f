package dev.velocitytrinity.core.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of each tool's root command: carries the global options and, when run without a subcommand,
 * prints the usage to stderr and exits 2.
 */
public abstract class RootCommand implements Callable<Integer> {

  @Mixin GlobalOptions globalOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println(spec.name() + ": error: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
