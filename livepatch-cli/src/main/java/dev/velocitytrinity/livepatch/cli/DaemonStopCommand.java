package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.daemon.DaemonAddress;
import dev.velocitytrinity.core.daemon.DaemonStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code livepatch daemon stop}: ends this build's daemon once a sync in progress has ended. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop this build's daemon; a sync it is serving finishes first (waits up to 60 s).",
      "Exit code 0 if it stopped or was not running, 1 if it is still running after the wait."
    })
final class DaemonStopCommand implements Callable<Integer> {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

  private final CliContext context;

  @Mixin DaemonSocketOptions socketOptions = new DaemonSocketOptions();

  DaemonStopCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DaemonAddress address = socketOptions.address(context);
    Optional<DaemonStatus> before = SyncDaemon.client().stop(address, WAIT);
    if (before.isEmpty()) {
      context.out().println("livepatch daemon: not running");
      return ExitCode.OK;
    }
    long pid = before.get().pid();
    // It closes the connection as it exits; "stopped" means the process is gone.
    boolean gone = awaitExit(pid);
    if (!gone || SyncDaemon.client().status(address).isPresent()) {
      context
          .out()
          .println(
              "livepatch daemon: still running after "
                  + WAIT.toSeconds()
                  + " s (pid "
                  + pid
                  + "): the sync it serves has not ended");
      return ExitCode.FAILED;
    }
    context.out().println("livepatch daemon: stopped (pid " + pid + ")");
    return ExitCode.OK;
  }

  private static boolean awaitExit(long pid) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      return true;
    }
    try {
      process.get().onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.get().isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.get().isAlive();
    }
  }
}
