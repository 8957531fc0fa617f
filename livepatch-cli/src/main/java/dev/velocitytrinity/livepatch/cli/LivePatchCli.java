package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.ConfigCommand;
import dev.velocitytrinity.core.cli.RootCommand;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.cli.ToolMain;
import dev.velocitytrinity.core.cli.ToolRunner;
import dev.velocitytrinity.core.cli.VersionProvider;
import dev.velocitytrinity.livepatch.cli.config.LivePatchConfig;
import dev.velocitytrinity.livepatch.delta.Literals;
import dev.velocitytrinity.livepatch.transport.Transports;
import java.io.PrintWriter;
import java.util.Arrays;
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
    ToolMain.pinLoggingProvider(); // before the warm-up's first Netty logger
    if (Arrays.asList(args).contains("sync")) {
      // Loading BoringSSL, Netty and gRPC is most of a small sync's set-up; on a daemon thread
      // started now it overlaps parsing, logging set-up and config validation on this one.
      // (Logging stays off until it is configured: see SilentUntilConfigured.)
      Thread warmUp =
          new Thread(
              () -> {
                Transports.warmUp();
                Literals.warmUp();
              },
              "livepatch-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
    }
    ToolMain.exit(LivePatchCli::run, args);
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment env) {
    return new ToolRunner(LivePatchCli.class, LivePatchConfig.SCHEMA).run(args, out, err, env);
  }
}
