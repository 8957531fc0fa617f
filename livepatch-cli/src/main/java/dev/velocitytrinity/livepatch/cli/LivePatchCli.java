package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.ConfigCommand;
import dev.velocitytrinity.core.cli.RootCommand;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.cli.ToolMain;
import dev.velocitytrinity.core.cli.ToolRunner;
import dev.velocitytrinity.core.cli.VersionProvider;
import dev.velocitytrinity.livepatch.cli.config.LivePatchConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** The {@code livepatch} command. */
@Command(
    name = "livepatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Syncs a local folder into a running container over mutually-authenticated TLS.",
    subcommands = {SyncCommand.class, CertsCommand.class, ConfigCommand.class})
public final class LivePatchCli extends RootCommand {

  public static void main(String[] args) {
    ToolMain.exit(LivePatchCli::run, args);
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment env) {
    return new ToolRunner(LivePatchCli.class, LivePatchConfig.SCHEMA).run(args, out, err, env);
  }
}
