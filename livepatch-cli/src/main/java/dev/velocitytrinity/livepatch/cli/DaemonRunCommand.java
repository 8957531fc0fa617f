package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.cli.StopHook;
import dev.velocitytrinity.core.daemon.DaemonAddress;
import dev.velocitytrinity.core.daemon.DaemonRequest;
import dev.velocitytrinity.core.daemon.DaemonServer;
import dev.velocitytrinity.core.daemon.JarWatch;
import dev.velocitytrinity.livepatch.cli.config.LivePatchConfig;
import dev.velocitytrinity.livepatch.transport.Transports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livepatch daemon run}: serves syncs in the foreground; what a sync starts detached. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Serve syncs from this process until it has been idle for daemon.idleTimeout, is stopped",
      "(livepatch daemon stop, SIGTERM) or finds its distribution rebuilt. One sync at a time:",
      "a sync arriving meanwhile runs in its own JVM."
    })
final class DaemonRunCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin DaemonSocketOptions socketOptions = new DaemonSocketOptions();

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      description = "Exit after this long without a sync (daemon.idleTimeout, default 1h).")
  String idleTimeout;

  @Option(
      names = "--warm-up-in",
      paramLabel = "DIR",
      description =
          "Before serving, run the SYNC command given after '--' twice as a dry run, in DIR (a"
              + " sync that starts the daemon passes its own), so the first sync served is warm.")
  Path warmUpIn;

  @Parameters(
      paramLabel = "SYNC",
      arity = "0..*",
      description = "After '--': the livepatch command line of the warm-up (with --warm-up-in).")
  List<String> warmUpArgs = new ArrayList<>();

  DaemonRunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    if (context.environment().invocation().inDaemon()) {
      throw new CommandException.Usage("daemon run: cannot be served by a daemon");
    }
    if (idleTimeout != null) {
      context.setFromFlag("daemon.idleTimeout", "--idle-timeout", idleTimeout);
    }
    LivePatchConfig config = context.config(LivePatchConfig.class);
    Duration idle = config.daemon().idleTimeout();
    if (idle.isNegative() || idle.isZero()) {
      throw new CommandException.Usage("daemon.idleTimeout: must be longer than 0, not " + idle);
    }
    Transports.loggingReady();
    DaemonAddress address = socketOptions.address(context);
    if (socketOptions.socket != null
        && Files.isDirectory(address.socket().getParent())
        && !address.isPrivate()) {
      // Binding would chmod 0700 a folder the user named (a project, $HOME, /tmp as root).
      throw new CommandException.Usage(
          "--socket: " + address.socket().getParent() + " is not a folder only you can open");
    }
    Optional<DaemonServer> bound;
    try {
      bound =
          DaemonServer.bind(
              address,
              LivePatchCli.runner()::run,
              Clock.systemUTC(),
              idle,
              context::reinstallLogging,
              JarWatch.ofClassPath());
    } catch (IOException e) {
      throw new CommandException.Unavailable(
          "cannot listen on " + address + ": " + e.getMessage(), e);
    }
    if (bound.isEmpty()) {
      context.out().println("livepatch daemon: already running on " + address);
      return ExitCode.OK;
    }
    try (DaemonServer server = bound.get();
        // SIGTERM: remove the socket and release the lock on the way out.
        StopHook cleanUp =
            context
                .environment()
                .invocation()
                .onStop("livepatch-daemon", () -> server.stopAfterRun(DaemonServer.STUCK_AFTER))) {
      // The first sync it serves then finds BoringSSL, Netty, gRPC and zstd loaded.
      LivePatchCli.startWarmUp();
      context
          .out()
          .println(
              "livepatch daemon: listening on "
                  + address
                  + " (pid "
                  + ProcessHandle.current().pid()
                  + ", exits after "
                  + DaemonStatusCommand.human(idle)
                  + " idle)");
      DaemonServer.Ending ending = server.serve(warmUps());
      context.out().println("livepatch daemon: " + farewell(ending, idle));
      return ending == DaemonServer.Ending.STUCK ? ExitCode.INTERNAL : ExitCode.OK;
    }
  }

  /**
   * The sync that started the daemon, twice, as dry runs: they connect, scan and compare as a sync
   * does and change nothing.
   */
  private List<DaemonRequest> warmUps() {
    Optional<List<String>> args = dryRunOf(warmUpArgs);
    if (warmUpIn == null || args.isEmpty()) {
      return List.of();
    }
    DaemonRequest dryRun =
        new DaemonRequest(
            args.get(), context.resolve(warmUpIn), context.environment().env(), false);
    return List.of(dryRun, dryRun);
  }

  /** {@code sync} made a dry run (the flag right after the subcommand); empty if not a sync. */
  static Optional<List<String>> dryRunOf(List<String> sync) {
    int at = SyncDaemon.syncIndex(sync.toArray(String[]::new));
    if (at < 0) {
      return Optional.empty();
    }
    List<String> args = new ArrayList<>(sync);
    int end = args.indexOf("--"); // after it, "--dry-run" would name a folder
    if (!args.subList(0, end < 0 ? args.size() : end).contains("--dry-run")) {
      args.add(at + 1, "--dry-run");
    }
    return Optional.of(args);
  }

  private static String farewell(DaemonServer.Ending ending, Duration idle) {
    return switch (ending) {
      case IDLE -> "idle for " + DaemonStatusCommand.human(idle) + "; exiting";
      case STOPPED -> "stopped";
      case REPLACED -> "its distribution was rebuilt or removed; exiting";
      case STUCK ->
          "a cancelled sync did not end within "
              + DaemonServer.STUCK_AFTER.toSeconds()
              + " s; exiting";
    };
  }
}
