package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.ToolEnvironment;
import dev.velocitytrinity.core.daemon.DaemonAddress;
import dev.velocitytrinity.core.daemon.DaemonClient;
import dev.velocitytrinity.core.daemon.DaemonRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When {@code livepatch sync} is handed to the daemon, and when a sync run in-process starts one.
 * Decided from the command line and the environment only: the client runs before picocli and the
 * config are loaded (the daemon, which loads them, honours {@code daemon.enabled} for starting).
 */
final class SyncDaemon {

  static final String TOOL = "livepatch";
  static final String NO_DAEMON = "--no-daemon";
  static final String ENABLED_ENV = "LIVEPATCH_DAEMON_ENABLED";

  /** A daemon that accepted the connection but has not taken the request by then is skipped. */
  static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(3);

  private SyncDaemon() {}

  /** Whether this command line is a sync that may go to a running daemon. */
  static boolean wanted(String[] args, Map<String, String> env) {
    List<String> list = List.of(args);
    // The subcommand, not any argument that happens to read "sync" (such as the warm-up command
    // line after "daemon run ... --", or a folder named sync).
    return isSync(args) && !list.contains(NO_DAEMON) && !off(env.get(ENABLED_ENV));
  }

  /** Whether the subcommand (the first argument neither an option nor its value) is sync. */
  static boolean isSync(String[] args) {
    return syncIndex(args) >= 0;
  }

  /** Where the sync subcommand is in {@code args}, or -1 if the command is not a sync. */
  static int syncIndex(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--format") || arg.equals("--log-format") || arg.equals("--config")) {
        i++; // the global option's value
      } else if (arg.equals("--")) {
        return -1;
      } else if (!arg.startsWith("-")) {
        return arg.equals("sync") ? i : -1;
      }
    }
    return -1;
  }

  /** Whether a sync that ran in-process may leave a daemon behind for the next. */
  static boolean mayStart(Map<String, String> env) {
    // A CI job's syncs are one-offs, and a process left behind would outlive the step.
    return !"true".equalsIgnoreCase(env.getOrDefault("CI", ""));
  }

  static Optional<DaemonAddress> address(ToolEnvironment environment) {
    return DaemonAddress.locate(TOOL, environment);
  }

  static DaemonClient client() {
    return new DaemonClient(TOOL, ACCEPT_TIMEOUT);
  }

  static DaemonRequest request(String[] args, ToolEnvironment environment) {
    return new DaemonRequest(
        List.of(args),
        environment.workingDirectory(),
        environment.env(),
        environment.invocation().terminal());
  }

  // The values the config reads as false (core's ValueConverter).
  private static boolean off(String value) {
    return value != null
        && List.of("false", "no", "off", "0").contains(value.toLowerCase(Locale.ROOT));
  }
}
