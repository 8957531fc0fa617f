package dev.velocitytrinity.core.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts a tool's daemon in the background through its launcher, detached from the terminal: it
 * ignores the Ctrl-C and hang-up meant for the command that started it, reads nothing from the
 * terminal and writes to its log. The caller does not wait for it to listen: the next run finds it,
 * or runs in-process as this one did.
 */
public final class DaemonStarter {

  // A non-interactive shell's background job, with the terminal's signals ignored before the
  // launcher execs java: a JVM started with SIGINT and SIGHUP ignored keeps them ignored, so
  // neither a Ctrl-C in the terminal nor closing it stops the daemon (SIGTERM still does). Where
  // setsid(1) exists (Linux) the daemon gets a session and process group of its own, so a signal
  // sent to the group of the command that started it (a file watcher restarting its command,
  // say) does not stop it either. The log is appended to: a second daemon started meanwhile (it
  // finds the first and exits) must not truncate the first one's log.
  private static final String DETACH =
      "log=$1; shift; trap '' INT HUP QUIT TSTP TTIN TTOU; "
          + "if command -v setsid >/dev/null 2>&1; then set -- setsid \"$@\"; fi; "
          + "\"$@\" </dev/null >>\"$log\" 2>&1 &";

  /** Variables the launcher, the JVM or the tool itself read from the daemon's own environment. */
  private static final Set<String> KEPT =
      Set.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "SHELL",
          "TMPDIR",
          "TZ",
          "LANG",
          "LANGUAGE",
          "JAVA_HOME",
          "JAVA_TOOL_OPTIONS",
          "JDK_JAVA_OPTIONS",
          "CI");

  private static final List<String> KEPT_PREFIXES = List.of("LC_", "XDG_", "VT_", "GRPC_");

  private DaemonStarter() {}

  /**
   * The daemon's environment: only what starting it needs, plus {@code extra}. Every request
   * carries its client's own environment, so nothing else is needed, and a long-lived process
   * should not hold on to the first client's tokens and keys (cloud credentials, CI secrets).
   */
  static Map<String, String> environment(Map<String, String> current, Map<String, String> extra) {
    Map<String, String> kept = new TreeMap<>();
    current.forEach(
        (name, value) -> {
          if (KEPT.contains(name) || KEPT_PREFIXES.stream().anyMatch(name::startsWith)) {
            kept.put(name, value);
          }
        });
    kept.putAll(extra);
    return kept;
  }

  /** The packaged launcher of {@code tool} ({@code vt.home/bin/<tool>}), if this is a launch. */
  public static Optional<Path> launcher(String tool) {
    String home = System.getProperty("vt.home");
    if (home == null) {
      return Optional.empty();
    }
    Path launcher = Path.of(home, "bin", tool);
    return Files.isExecutable(launcher) ? Optional.of(launcher) : Optional.empty();
  }

  /**
   * Runs {@code launcher args...} detached, its output going to {@code address.log()}.
   *
   * @param env added to this process's environment for the daemon
   * @throws IOException if the shell cannot be started or the folder cannot be made private
   */
  public static void start(
      DaemonAddress address, Path launcher, List<String> args, Map<String, String> env)
      throws IOException {
    address.createPrivateFolder();
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", DETACH, "sh"));
    command.add(address.log().toString());
    command.add(launcher.toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            // Not the client's folder: a daemon would keep it in use for as long as it runs.
            .directory(address.socket().getParent().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> environment = builder.environment();
    Map<String, String> kept = environment(environment, env);
    environment.clear();
    environment.putAll(kept);
    Process shell = builder.start();
    try {
      // The shell only puts the daemon in the background and exits.
      shell.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
