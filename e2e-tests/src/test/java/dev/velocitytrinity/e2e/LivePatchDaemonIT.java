package dev.velocitytrinity.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code livepatch} with its daemon, and a real agent, as separate processes. */
@Timeout(180)
@EnabledOnOs({OS.LINUX, OS.MAC}) // the daemon listens on a Unix domain socket; none on Windows
class LivePatchDaemonIT {

  /** What a developer's shell has: not CI, so a sync leaves a daemon for the next one. */
  private static final Map<String, String> DEVELOPER = Map.of("CI", "false");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void certsAndSource() throws Exception {
    Launcher.Result init =
        Launcher.run(dir, Map.of(), Launcher.bin("livepatch"), "certs", "init", "--dir", "certs");
    assertThat(init.exitCode()).as(init.err()).isZero();
    Files.createDirectories(dir.resolve("src/pkg"));
    Files.createDirectories(dir.resolve("root"));
    Files.writeString(dir.resolve("src/pkg/a.txt"), "first version\n");
  }

  @AfterEach
  void stopEverything() throws Exception {
    Launcher.run(dir, DEVELOPER, Launcher.bin("livepatch"), "daemon", "stop");
    for (Process process : processes) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void sync_leavesADaemon_thatServesTheNextSync_untilStopped() throws Exception {
    String agent = startAgent();

    Launcher.Result first = sync(agent, DEVELOPER);
    assertThat(first.exitCode()).as(first.all()).isZero();
    // It warms up on two dry runs of that sync first (busy meanwhile: a sync then runs alone).
    JsonNode started = awaitStatus(s -> s.get("running").asBoolean() && !s.get("busy").asBoolean());
    assertThat(started.get("served").asLong()).isZero();

    Files.writeString(dir.resolve("src/pkg/a.txt"), "second version\n");
    Launcher.Result second = sync(agent, DEVELOPER);

    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(second.out()).startsWith("synced 1 entries (0 added, 1 modified, 0 deleted) in ");
    assertThat(second.err()).isEmpty();
    assertThat(dir.resolve("root/pkg/a.txt")).hasContent("second version");
    JsonNode afterSecond = status();
    assertThat(afterSecond.get("served").asLong()).isEqualTo(1);
    assertThat(afterSecond.get("pid").asLong()).isEqualTo(started.get("pid").asLong());

    Launcher.Result stop =
        Launcher.run(dir, DEVELOPER, Launcher.bin("livepatch"), "daemon", "stop");
    assertThat(stop.out())
        .isEqualTo("livepatch daemon: stopped (pid " + started.get("pid") + ")\n");
    Launcher.Result after =
        Launcher.run(dir, DEVELOPER, Launcher.bin("livepatch"), "daemon", "status");
    assertThat(after.exitCode()).isEqualTo(1);
    assertThat(after.out()).startsWith("livepatch daemon: not running (socket ");
    assertThat(ProcessHandle.of(started.get("pid").asLong()).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
  }

  /**
   * A file watcher that restarts its command signals the command's whole process group; the daemon
   * a sync leaves behind is in a session (and so a group) of its own, and outlives that.
   */
  @Test
  @EnabledOnOs(OS.LINUX) // setsid(1) and /proc
  void sync_leavesTheDaemonInASessionOfItsOwn() throws Exception {
    String agent = startAgent();

    Launcher.Result first = sync(agent, DEVELOPER);

    assertThat(first.exitCode()).as(first.all()).isZero();
    long daemon = awaitStatus(s -> s.get("running").asBoolean()).get("pid").asLong();
    assertThat(sessionOf(daemon))
        .isEqualTo(daemon)
        .isNotEqualTo(sessionOf(ProcessHandle.current().pid()));
  }

  /** The session id of a process (field 6 of /proc/PID/stat, after the parenthesised name). */
  private static long sessionOf(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[3]);
  }

  @Test
  void syncServedByTheDaemon_failingOnTheAgent_exitsAsItWouldAlone() throws Exception {
    String agent = startAgent();
    startDaemon();

    // A path that climbs out of the tree through a symlink: the agent rejects the change set.
    Files.createSymbolicLink(dir.resolve("src/escape"), Path.of("/etc"));
    Launcher.Result rejected = sync(agent, DEVELOPER);

    assertThat(rejected.exitCode()).as(rejected.all()).isEqualTo(1);
    assertThat(rejected.err()).startsWith("livepatch: error: ").doesNotContain("\tat ");
    assertThat(status().get("served").asLong()).isEqualTo(1);
    assertThat(dir.resolve("root/pkg/a.txt")).doesNotExist();
  }

  @Test
  void syncServedByTheDaemon_stoppedByTheUser_saysTheAgentAppliedNone_andTheDaemonLivesOn()
      throws Exception {
    startDaemon();
    Path err = dir.resolve("sync.err");
    // An "agent" that accepts the connection and never answers: the sync waits for its handshake.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process sync =
          Launcher.start(
              dir,
              DEVELOPER,
              dir.resolve("sync.out"),
              err,
              Launcher.bin("livepatch"),
              "sync",
              "src",
              "--agent",
              "127.0.0.1:" + silent.getLocalPort(),
              "--certs",
              "certs");
      try (Socket accepted = silent.accept()) {
        // The daemon, not the client, dialled the agent.
        assertThat(status().get("busy").asBoolean()).isTrue();
        sync.destroy(); // SIGTERM to the client
        assertThat(sync.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(sync.exitValue()).isEqualTo(143);
      assertThat(Files.readString(err))
          .isEqualTo(
              "livepatch: interrupted before the change set was complete; the agent applied none"
                  + " of it\n");
    }
    JsonNode after = awaitStatus(s -> !s.get("busy").asBoolean());
    assertThat(after.get("running").asBoolean()).isTrue();
    assertThat(after.get("served").asLong()).isEqualTo(1);
  }

  @Test
  void noDaemonFlagOrSetting_runsTheSyncInItsOwnJvm_besideARunningDaemon() throws Exception {
    String agent = startAgent();
    startDaemon();

    Launcher.Result flag = sync(agent, DEVELOPER, "--no-daemon");
    Files.writeString(dir.resolve("src/pkg/a.txt"), "second version\n");
    Launcher.Result setting =
        sync(agent, Map.of("CI", "false", "LIVEPATCH_DAEMON_ENABLED", "false"));

    assertThat(flag.exitCode()).as(flag.all()).isZero();
    assertThat(setting.exitCode()).as(setting.all()).isZero();
    assertThat(dir.resolve("root/pkg/a.txt")).hasContent("second version");
    assertThat(status().get("served").asLong()).isZero();
  }

  @Test
  void syncInCi_leavesNoDaemon() throws Exception {
    String agent = startAgent();

    Launcher.Result sync = sync(agent, Map.of("CI", "true"));

    assertThat(sync.exitCode()).as(sync.all()).isZero();
    // Nothing was even prepared for one: a start creates the folder before it forks.
    assertThat(dir.resolve(".cache/velocity-trinity/daemon")).doesNotExist();
  }

  @Test
  void daemonRun_secondOnTheSameSocket_saysOneIsRunning_andLeavesIt() throws Exception {
    startDaemon();

    Launcher.Result second =
        Launcher.run(dir, DEVELOPER, Launcher.bin("livepatch"), "daemon", "run");

    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(second.out()).startsWith("livepatch daemon: already running on ");
    assertThat(status().get("running").asBoolean()).isTrue();
  }

  /** Starts {@code livepatch daemon run} in the foreground, as a process of the test's. */
  private void startDaemon() throws Exception {
    Path out = dir.resolve("daemon.out");
    processes.add(
        Launcher.start(
            dir,
            Map.of(),
            out,
            dir.resolve("daemon.err"),
            Launcher.bin("livepatch"),
            "daemon",
            "run"));
    Launcher.awaitLine(out, "livepatch daemon: listening on ");
  }

  /** Starts the packaged agent on a free loopback port; its HOST:PORT. */
  private String startAgent() throws Exception {
    Path out = dir.resolve("agent.out");
    Process agent =
        Launcher.start(
            dir,
            Map.of(),
            out,
            dir.resolve("agent.err"),
            Launcher.bin("livepatch-agent"),
            "--root",
            "root",
            "--listen",
            "127.0.0.1:0",
            "--certs",
            "certs");
    processes.add(agent);
    return Launcher.awaitLine(out, "listening on (127\\.0\\.0\\.1:\\d+) ").group(1);
  }

  private Launcher.Result sync(String agent, Map<String, String> env, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(List.of("sync", "src", "--agent", agent, "--certs", "certs"));
    args.addAll(List.of(more));
    return Launcher.run(dir, env, Launcher.bin("livepatch"), args.toArray(String[]::new));
  }

  private JsonNode status() throws Exception {
    Launcher.Result status =
        Launcher.run(
            dir, DEVELOPER, Launcher.bin("livepatch"), "daemon", "status", "--format", "json");
    return JSON.readTree(status.out());
  }

  /**
   * Polls (up to 30 s) until the daemon's status passes {@code until}: it starts, and winds down a
   * cancelled run, in another process.
   */
  private JsonNode awaitStatus(Predicate<JsonNode> until) throws Exception {
    JsonNode status = status();
    for (int i = 0; i < 150 && !until.test(status); i++) {
      Thread.sleep(200);
      status = status();
    }
    assertThat(until.test(status)).as(status.toString()).isTrue();
    return status;
  }
}
