package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.CommandException;
import dev.velocitytrinity.core.daemon.DaemonAddress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --socket FILE}, shared by the daemon commands; by default this build's socket. */
final class DaemonSocketOptions {

  @Option(
      names = "--socket",
      paramLabel = "FILE",
      description =
          "Daemon socket (default: this build's, in $XDG_RUNTIME_DIR/velocity-trinity or"
              + " ~/.cache/velocity-trinity/daemon).")
  Path socket;

  DaemonAddress address(CliContext context) {
    if (socket != null) {
      return DaemonAddress.at(context.resolve(socket));
    }
    return SyncDaemon.address(context.environment())
        .orElseThrow(
            () ->
                new CommandException.Usage(
                    "no daemon here: it runs from the packaged launcher (dist/bin/livepatch) on"
                        + " Linux and macOS, with a socket path under 100 bytes; pass --socket FILE"
                        + " to choose one"));
  }
}
