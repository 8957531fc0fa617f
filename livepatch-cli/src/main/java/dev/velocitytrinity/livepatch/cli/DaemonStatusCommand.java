package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.CliContext;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.daemon.DaemonAddress;
import dev.velocitytrinity.core.daemon.DaemonStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code livepatch daemon status}: whether this build's daemon runs, and what it has done. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Say whether this build's daemon is running: its pid, age, runs served and idle time.",
      "Exit code 0 if it is running, 1 if not."
    })
final class DaemonStatusCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin DaemonSocketOptions socketOptions = new DaemonSocketOptions();

  DaemonStatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    DaemonAddress address = socketOptions.address(context);
    Optional<DaemonStatus> status = SyncDaemon.client().status(address);
    Instant now = Instant.now();
    if (context.globals().json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("running", status.isPresent());
      json.put("socket", address.socket().toString());
      status.ifPresent(
          s -> {
            json.put("pid", s.pid());
            json.put("startedAt", s.started().toString());
            json.put("served", s.served());
            json.put("busy", s.busy());
            json.put("stopping", s.stopping());
            json.put("idleMillis", s.busy() ? 0 : idle(s, now).toMillis());
            json.put("idleTimeoutMillis", s.idleTimeout().toMillis());
          });
      context.printJson(json);
    } else if (status.isPresent()) {
      DaemonStatus s = status.get();
      context
          .out()
          .println(
              "livepatch daemon: running (pid "
                  + s.pid()
                  + ", up "
                  + human(Duration.between(s.started(), now))
                  + ", "
                  + s.served()
                  + (s.served() == 1 ? " run" : " runs")
                  + " served, "
                  + (s.busy() ? "serving one now" : "idle " + human(idle(s, now)))
                  + (s.stopping() ? ", stopping" : "")
                  + ", exits after "
                  + human(s.idleTimeout())
                  + " idle; socket "
                  + address.socket()
                  + ")");
    } else {
      context.out().println("livepatch daemon: not running (socket " + address.socket() + ")");
    }
    return status.isPresent() ? ExitCode.OK : ExitCode.FAILED;
  }

  private static Duration idle(DaemonStatus status, Instant now) {
    Duration idle = Duration.between(status.lastActivity(), now);
    return idle.isNegative() ? Duration.ZERO : idle;
  }

  /** {@code 4m12s}, {@code 1h}, {@code 35s}: whole seconds, largest units first. */
  static String human(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    StringBuilder text = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      long n = seconds / units[i];
      seconds %= units[i];
      if (n > 0) {
        text.append(n).append(names[i]);
      }
    }
    return text.length() == 0 ? "0s" : text.toString();
  }
}
