package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.ConfigCommand;
import dev.velocitytrinity.core.cli.RootCommand;
import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.cli.ToolMain;
import dev.velocitytrinity.core.cli.ToolRunner;
import dev.velocitytrinity.core.cli.VersionProvider;
import dev.velocitytrinity.core.daemon.DaemonAddress;
import dev.velocitytrinity.core.daemon.DaemonClient;
import dev.velocitytrinity.livepatch.cli.config.LivePatchConfig;
import dev.velocitytrinity.livepatch.delta.Literals;
import dev.velocitytrinity.livepatch.transport.Transports;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;

/** The {@code livepatch} command. */
@Command(
    name = "livepatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Syncs a local folder into a running container over mutually-authenticated TLS.",
    subcommands = {SyncCommand.class, CertsCommand.class, DaemonCommand.class, ConfigCommand.class})
public final class LivePatchCli extends RootCommand {

  public static void main(String[] args) {
    ToolMain.pinLoggingProvider(); // before the warm-up's first Netty logger
    ToolMain.pinSelectorProvider(); // before the daemon client's or Netty's first channel
    if (SyncDaemon.isSync(args)) {
      handToDaemon(args);
      // Loading BoringSSL, Netty and gRPC is most of a small sync's set-up; on a daemon thread
      // started now it overlaps parsing, logging set-up and config validation on this one.
      // (Logging stays off until it is configured: see SilentUntilConfigured.)
      startWarmUp();
    }
    ToolMain.exit(LivePatchCli::run, args);
  }

  /** Loads and initialises BoringSSL, Netty, gRPC and zstd on a background (daemon) thread. */
  static void startWarmUp() {
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

  /**
   * Hands the sync to this build's daemon and exits with its exit code, if one is running and free;
   * returns otherwise, and the sync runs in this JVM (which may start a daemon for the next).
   */
  private static void handToDaemon(String[] args) {
    ToolEnvironment environment = ToolEnvironment.system();
    if (!SyncDaemon.wanted(args, environment.env())) {
      return;
    }
    Optional<DaemonAddress> address = SyncDaemon.address(environment);
    if (address.isEmpty()) {
      return;
    }
    DaemonClient.Outcome outcome =
        SyncDaemon.client()
            .run(address.get(), SyncDaemon.request(args, environment), System.out, System.err);
    if (outcome instanceof DaemonClient.Ran ran) {
      System.exit(ran.exitCode());
    }
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err, ToolEnvironment env) {
    return runner().run(args, out, err, env);
  }

  /** A runner for {@code livepatch} commands; a daemon keeps one for all the runs it serves. */
  static ToolRunner runner() {
    return new ToolRunner(LivePatchCli.class, LivePatchConfig.SCHEMA);
  }
}
