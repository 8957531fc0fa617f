package dev.velocitytrinity.core.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.core.cli.CliEntryPoint;
import dev.velocitytrinity.core.cli.ExitCode;
import dev.velocitytrinity.core.cli.StopHook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real daemon server and client over a real Unix domain socket, with a stand-in tool. */
@Timeout(30)
class DaemonServerIT {

  private static final Duration IDLE = Duration.ofMinutes(10);

  @TempDir Path dir;

  private final MovableClock clock = new MovableClock();

  /** Counted down by a run that is inside the tool; {@link #release} lets held runs end. */
  private final CountDownLatch inside = new CountDownLatch(1);

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger afterRuns = new AtomicInteger();
  private final AtomicBoolean replaced = new AtomicBoolean();
  private DaemonAddress address;
  private DaemonServer server;
  private CompletableFuture<DaemonServer.Ending> serving;

  @BeforeEach
  void setUp() {
    address = DaemonAddress.at(dir.resolve("run/tool-0123.sock"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
      serving.get(10, TimeUnit.SECONDS);
    }
  }

  private void start(CliEntryPoint tool) throws IOException {
    server =
        DaemonServer.bind(address, tool, clock, IDLE, afterRuns::incrementAndGet, replaced::get)
            .orElseThrow();
    serving = CompletableFuture.supplyAsync(server::serve);
  }

  private static DaemonRequest request(String... args) {
    return new DaemonRequest(List.of(args), Path.of("/work/here"), Map.of("GREETING", "hi"), true);
  }

  private DaemonClient client() {
    return new DaemonClient("tool", Duration.ofSeconds(5));
  }

  @Test
  void run_relaysOutputAndExitCode_withTheClientsArgsEnvWorkingDirectoryAndTerminal()
      throws Exception {
    start(
        (args, out, err, env) -> {
          out.println("args=" + String.join(",", args) + " cwd=" + env.workingDirectory());
          err.println(
              "env=" + env.env().get("GREETING") + " terminal=" + env.invocation().terminal());
          out.print("é".repeat(40_000)); // more than one 64 KiB frame of UTF-8
          out.flush();
          return 7;
        });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    DaemonClient.Outcome outcome = client().run(address, request("sync", "src"), out, err);

    assertThat(outcome).isEqualTo(new DaemonClient.Ran(7));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("args=sync,src cwd=/work/here" + System.lineSeparator() + "é".repeat(40_000));
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("env=hi terminal=true" + System.lineSeparator());
    awaitIdle(); // the client has its exit code before the daemon's thread winds down
    assertThat(afterRuns).hasValue(1);
    assertThat(server.status().served()).isEqualTo(1);
  }

  @Test
  void run_whileAnotherRunIsInProgress_isBusy_andTheFirstStillEnds() throws Exception {
    start(
        (args, out, err, env) -> {
          hold();
          out.println("first done");
          return 0;
        });
    ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
    CompletableFuture<DaemonClient.Outcome> first =
        CompletableFuture.supplyAsync(
            () -> client().run(address, request("one"), firstOut, new ByteArrayOutputStream()));
    awaitInside();

    DaemonClient.Outcome second = runQuietly("two");
    assertThat(server.status().busy()).isTrue();
    release.countDown();

    assertThat(second).isInstanceOf(DaemonClient.Busy.class);
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new DaemonClient.Ran(0));
    assertThat(firstOut.toString(StandardCharsets.UTF_8)).startsWith("first done");
  }

  @Test
  void cancel_runsTheStopHooks_sendsExit130_andInterruptsTheRun() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch hookRegistered = new CountDownLatch(1);
    start(
        (args, out, err, env) -> {
          try (StopHook hook = env.invocation().onStop("notice", () -> err.println("stopped"))) {
            hookRegistered.countDown();
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          err.println("printed after the cancel, dropped");
          return 0;
        });
    try (FrameChannel frames = acceptedRun("sync")) {
      assertThat(hookRegistered.await(10, TimeUnit.SECONDS)).isTrue();

      frames.write(FrameType.CANCEL);

      Frame notice = frames.read();
      assertThat(notice.type()).isEqualTo(FrameType.ERR);
      assertThat(new String(notice.payload(), StandardCharsets.UTF_8))
          .isEqualTo("stopped" + System.lineSeparator());
      Frame exit = frames.read();
      assertThat(exit.type()).isEqualTo(FrameType.EXIT);
      assertThat(ByteBuffer.wrap(exit.payload()).getInt()).isEqualTo(ExitCode.INTERRUPTED);
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(frames.read()).isNull(); // nothing after the exit: the connection closes
    }
    awaitIdle();
  }

  @Test
  void clientGoneAway_stopsTheRun_andTheDaemonServesTheNext() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicBoolean hookRan = new AtomicBoolean();
    start(
        (args, out, err, env) -> {
          if (args[0].equals("quick")) {
            return 3;
          }
          try (StopHook hook = env.invocation().onStop("notice", () -> hookRan.set(true))) {
            inside.countDown();
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return 0;
        });
    try (FrameChannel frames = acceptedRun("slow")) {
      awaitInside();
    } // the client process died: its socket closes without a cancel

    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(hookRan).isTrue();
    awaitIdle();
    assertThat(runQuietly("quick")).isEqualTo(new DaemonClient.Ran(3));
  }

  @Test
  void closedStopHook_doesNotRunOnCancel() throws Exception {
    start(
        (args, out, err, env) -> {
          env.invocation().onStop("closed early", () -> err.println("must not print")).close();
          inside.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 0;
        });
    try (FrameChannel frames = acceptedRun("x")) {
      awaitInside();
      frames.write(FrameType.CANCEL);
      assertThat(frames.read().type()).isEqualTo(FrameType.EXIT);
    }
  }

  @Test
  void warmUp_runsTheGivenRequestsFirst_asBusy_andCountsNoneAsServed() throws Exception {
    List<String> warmed = new java.util.concurrent.CopyOnWriteArrayList<>();
    server =
        DaemonServer.bind(
                address,
                (args, out, err, env) -> {
                  if (args[0].startsWith("warm")) {
                    warmed.add(args[0] + " in " + env.workingDirectory());
                    out.println("dropped");
                    if (args[0].equals("warm-2")) {
                      hold();
                    }
                  }
                  return 0;
                },
                clock,
                IDLE,
                afterRuns::incrementAndGet,
                replaced::get)
            .orElseThrow();
    serving =
        CompletableFuture.supplyAsync(
            () -> server.serve(List.of(request("warm-1"), request("warm-2"))));
    awaitInside();

    assertThat(runQuietly("real")).isInstanceOf(DaemonClient.Busy.class);
    assertThat(server.status().busy()).isTrue();
    release.countDown();
    awaitIdle();

    assertThat(warmed).containsExactly("warm-1 in /work/here", "warm-2 in /work/here");
    assertThat(runQuietly("real")).isEqualTo(new DaemonClient.Ran(0));
    awaitIdle();
    assertThat(server.status().served()).isEqualTo(1);
    assertThat(afterRuns).hasValue(2); // after the warm-up, after the real run
  }

  @Test
  void idleTimeout_endsTheDaemon_onlyOnceItHasPassedWithoutARun() throws Exception {
    start((args, out, err, env) -> 0);
    clock.advance(IDLE.minusSeconds(1));
    server.checkIdle();
    assertThat(serving).isNotDone();
    assertThat(client().status(address)).isPresent();

    clock.advance(Duration.ofSeconds(1));
    server.checkIdle();

    assertThat(serving.get(10, TimeUnit.SECONDS)).isEqualTo(DaemonServer.Ending.IDLE);
    assertThat(address.socket()).doesNotExist();
    assertThat(client().status(address)).isEmpty();
  }

  @Test
  void idleTimeout_countsFromTheLastRun_andNeverEndsARunInProgress() throws Exception {
    start(
        (args, out, err, env) -> {
          if (args[0].equals("long")) {
            hold();
          }
          return 0;
        });
    clock.advance(IDLE.minusMinutes(1));
    runQuietly("short");
    awaitIdle(); // else checkIdle could find it still busy and prove nothing
    clock.advance(Duration.ofMinutes(2));
    server.checkIdle();
    assertThat(serving).isNotDone(); // 2 minutes since the last run, not 10

    CompletableFuture<DaemonClient.Outcome> running = runInBackground("long");
    awaitInside();
    clock.advance(IDLE.multipliedBy(3));
    replaced.set(true);
    server.checkIdle();
    assertThat(serving).isNotDone();

    release.countDown();
    assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(new DaemonClient.Ran(0));
  }

  @Test
  void replacedDistribution_endsAnIdleDaemon() throws Exception {
    start((args, out, err, env) -> 0);
    replaced.set(true);

    server.checkIdle();

    assertThat(serving.get(10, TimeUnit.SECONDS)).isEqualTo(DaemonServer.Ending.REPLACED);
  }

  @Test
  void cancelledRunThatNeverEnds_isStuck_andTheDaemonGivesUp() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    start(
        (args, out, err, env) -> {
          inside.countDown();
          while (never.getCount() > 0) {
            try {
              never.await();
            } catch (InterruptedException e) {
              // A run that ignores interrupts.
            }
          }
          return 0;
        });
    try (FrameChannel frames = acceptedRun("x")) {
      awaitInside();
      frames.write(FrameType.CANCEL);
      assertThat(frames.read().type()).isEqualTo(FrameType.EXIT);

      clock.advance(DaemonServer.STUCK_AFTER.minusSeconds(1));
      server.checkIdle();
      assertThat(serving).isNotDone();
      clock.advance(Duration.ofSeconds(1));
      server.checkIdle();

      assertThat(serving.get(10, TimeUnit.SECONDS)).isEqualTo(DaemonServer.Ending.STUCK);
    } finally {
      never.countDown();
    }
  }

  @Test
  void run_toolThrows_exit4WithoutTheMessage_andAnErrorEndsTheDaemon() throws Exception {
    start(
        (args, out, err, env) -> {
          if (args[0].equals("error")) {
            throw new StackOverflowError("--token=ghp_0123456789abcdef0123456789abcdef0123");
          }
          throw new IllegalStateException("--token=ghp_0123456789abcdef0123456789abcdef0123");
        });
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    DaemonClient.Outcome bug =
        client().run(address, request("bug"), OutputStream.nullOutputStream(), err);
    awaitIdle();

    assertThat(bug).isEqualTo(new DaemonClient.Ran(ExitCode.INTERNAL));
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("java.lang.IllegalStateException", "--no-daemon")
        .doesNotContain("ghp_");
    assertThat(serving).isNotDone(); // a bug in one run: the daemon goes on

    err.reset();
    DaemonClient.Outcome error =
        client().run(address, request("error"), OutputStream.nullOutputStream(), err);

    assertThat(error).isEqualTo(new DaemonClient.Ran(ExitCode.INTERNAL));
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("java.lang.StackOverflowError")
        .doesNotContain("ghp_");
    assertThat(serving.get(10, TimeUnit.SECONDS)).isEqualTo(DaemonServer.Ending.STOPPED);
  }

  /** What SIGTERM's hook does: the run in progress ends with its own result, then the daemon. */
  @Test
  void stopAfterRun_runInProgress_endsItFirstThenTheDaemon() throws Exception {
    start(
        (args, out, err, env) -> {
          hold();
          return 5;
        });
    CompletableFuture<DaemonClient.Outcome> running = runInBackground("x");
    awaitInside();

    CompletableFuture<Void> hook =
        CompletableFuture.runAsync(() -> server.stopAfterRun(Duration.ofSeconds(20)));
    awaitStopping();
    assertThat(hook).isNotDone();
    assertThat(address.socket()).exists();
    release.countDown();

    assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(new DaemonClient.Ran(5));
    hook.get(10, TimeUnit.SECONDS);
    assertThat(serving.get(10, TimeUnit.SECONDS)).isEqualTo(DaemonServer.Ending.STOPPED);
    assertThat(address.socket()).doesNotExist();
  }

  @Test
  void close_twice_leavesASuccessorsSocketAlone() throws Exception {
    start((args, out, err, env) -> 0);
    server.close();
    serving.get(10, TimeUnit.SECONDS);
    DaemonServer successor =
        DaemonServer.bind(address, (a, o, e, env) -> 0, clock, IDLE, () -> {}, () -> false)
            .orElseThrow();
    try {
      server.close(); // as serve()'s way out does after SIGTERM's hook closed it

      assertThat(address.socket()).exists();
    } finally {
      successor.close();
    }
  }

  @Test
  void stop_waitsForTheRunInProgress_thenEndsTheDaemon() throws Exception {
    start(
        (args, out, err, env) -> {
          hold();
          return 0;
        });
    CompletableFuture<DaemonClient.Outcome> running = runInBackground("x");
    awaitInside();

    CompletableFuture<Optional<DaemonStatus>> stopping =
        CompletableFuture.supplyAsync(() -> client().stop(address, Duration.ofSeconds(20)));
    awaitStopping();
    assertThat(serving).isNotDone();
    release.countDown();

    assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(new DaemonClient.Ran(0));
    assertThat(stopping.get(10, TimeUnit.SECONDS))
        .get()
        .extracting(DaemonStatus::busy)
        .isEqualTo(true);
    assertThat(serving.get(10, TimeUnit.SECONDS)).isEqualTo(DaemonServer.Ending.STOPPED);
    assertThat(address.socket()).doesNotExist();
  }

  @Test
  void bind_whileAnotherDaemonHoldsTheAddress_isEmpty() throws Exception {
    start((args, out, err, env) -> 0);

    assertThat(DaemonServer.bind(address, (a, o, e, env) -> 0, clock, IDLE, () -> {}, () -> false))
        .isEmpty();
    assertThat(client().status(address)).isPresent(); // the first one is untouched
  }

  @Test
  void bind_secondInTheSameJvm_leavesTheFirstDaemonsLockHeld() throws Exception {
    start((args, out, err, env) -> 0);
    assertThat(DaemonServer.bind(address, (a, o, e, env) -> 0, clock, IDLE, () -> {}, () -> false))
        .isEmpty();

    // Another process must still find the lock taken.
    Path probe = dir.resolve("TryLock.java");
    Files.writeString(
        probe,
        "import java.nio.channels.FileChannel; import java.nio.file.*;"
            + " class TryLock { public static void main(String[] a) throws Exception {"
            + " try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {"
            + " System.out.print(c.tryLock() == null ? \"held\" : \"free\"); } } }");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process other = new ProcessBuilder(java, probe.toString(), address.lock().toString()).start();
    assertThat(other.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("held");
  }

  @Test
  void bind_overASocketFileLeftByADeadDaemon_takesIt() throws Exception {
    Files.createDirectories(address.socket().getParent());
    try (var dead = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(address.socket()));
    } // closed without removing the file, as a killed process leaves it
    assertThat(address.socket()).exists();
    assertThat(runQuietly("x")).isInstanceOf(DaemonClient.NotRunning.class);

    start((args, out, err, env) -> 5);

    assertThat(runQuietly("x")).isEqualTo(new DaemonClient.Ran(5));
  }

  @Test
  void bind_createsTheFolderForItsUserOnly() throws Exception {
    start((args, out, err, env) -> 0);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(address.socket().getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void client_neverConnectsThroughAFolderOthersMayOpen() throws Exception {
    start((args, out, err, env) -> 0);
    Files.setPosixFilePermissions(
        address.socket().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(runQuietly("x")).isInstanceOf(DaemonClient.NotRunning.class);
    assertThat(client().status(address)).isEmpty();
    assertThat(server.status().served()).isZero();
  }

  @Test
  void client_noDaemon_isNotRunning() {
    assertThat(runQuietly("x")).isInstanceOf(DaemonClient.NotRunning.class);
    assertThat(client().stop(address, Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void request_ofAnotherVersion_isDeclined_andTheClientRunsItItself() throws Exception {
    start((args, out, err, env) -> 0);
    try (FrameChannel frames = rawConnection()) {
      byte[] payload = request("x").encode();
      ByteBuffer.wrap(payload).putInt(DaemonRequest.VERSION + 1);
      frames.write(FrameType.REQUEST, payload);

      assertThat(frames.read().type()).isEqualTo(FrameType.DECLINED);
    }
    assertThat(server.status().served()).isZero();
  }

  @Test
  void daemonThatAcceptsButNeverAnswers_isSkippedAfterTheAcceptTimeout() throws Exception {
    Files.createDirectories(address.socket().getParent());
    Files.setPosixFilePermissions(
        address.socket().getParent(), PosixFilePermissions.fromString("rwx------"));
    List<SocketChannel> held = new ArrayList<>();
    try (var mute = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      mute.bind(UnixDomainSocketAddress.of(address.socket()));
      CompletableFuture.runAsync(
          () -> {
            try {
              held.add(mute.accept()); // and never reads or writes
            } catch (IOException e) {
              // closed at the end of the test
            }
          });

      DaemonClient.Outcome outcome =
          new DaemonClient("tool", Duration.ofMillis(300))
              .run(address, request("x"), new ByteArrayOutputStream(), new ByteArrayOutputStream());

      assertThat(outcome).isInstanceOf(DaemonClient.Busy.class);
    } finally {
      for (SocketChannel channel : held) {
        channel.close();
      }
    }
  }

  @Test
  void daemonDyingMidRun_isReportedInOneLine_exit4() throws Exception {
    Files.createDirectories(address.socket().getParent());
    Files.setPosixFilePermissions(
        address.socket().getParent(), PosixFilePermissions.fromString("rwx------"));
    try (var dying = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dying.bind(UnixDomainSocketAddress.of(address.socket()));
      CompletableFuture.runAsync(
          () -> {
            try (FrameChannel frames = new FrameChannel(dying.accept())) {
              frames.read();
              frames.write(FrameType.ACCEPTED);
              frames.write(FrameType.OUT, "half".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      DaemonClient.Outcome outcome = client().run(address, request("x"), out, err);

      assertThat(outcome).isEqualTo(new DaemonClient.Ran(ExitCode.INTERNAL));
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("half");
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "tool: error: the tool daemon stopped before the command ended; run it again"
                  + " (--no-daemon runs it without the daemon)"
                  + System.lineSeparator());
    }
  }

  @Test
  void request_roundTrip_keepsEveryField_evenAnEnvironmentValueOver64KiB() throws Exception {
    DaemonRequest request =
        new DaemonRequest(
            List.of("sync", "", "ünïcode dir"),
            Path.of("/a b/c"),
            Map.of("LONG", "x".repeat(70_000), "EMPTY", ""),
            false);

    assertThat(DaemonRequest.decode(request.encode())).isEqualTo(request);
  }

  private DaemonClient.Outcome runQuietly(String arg) {
    return client()
        .run(address, request(arg), new ByteArrayOutputStream(), new ByteArrayOutputStream());
  }

  private CompletableFuture<DaemonClient.Outcome> runInBackground(String arg) {
    return CompletableFuture.supplyAsync(() -> runQuietly(arg));
  }

  /** A connection, speaking frames itself, whose request the daemon has taken. */
  private FrameChannel acceptedRun(String arg) throws IOException {
    FrameChannel frames = rawConnection();
    frames.write(FrameType.REQUEST, request(arg).encode());
    assertThat(frames.read().type()).isEqualTo(FrameType.ACCEPTED);
    return frames;
  }

  private FrameChannel rawConnection() throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(address.socket()));
    return new FrameChannel(channel);
  }

  private void awaitIdle() throws InterruptedException {
    for (int i = 0; i < 500 && server.status().busy(); i++) {
      Thread.sleep(10); // the run's thread winds down after its client has its exit code
    }
    assertThat(server.status().busy()).isFalse();
  }

  private void awaitStopping() throws InterruptedException {
    for (int i = 0; i < 500 && !server.status().stopping(); i++) {
      Thread.sleep(10); // the stop request arrives on a connection thread of the server's
    }
    assertThat(server.status().stopping()).isTrue();
  }

  /** In a stand-in tool's run: says it is inside, then waits until the test releases it. */
  private void hold() {
    inside.countDown();
    await(release);
  }

  private void awaitInside() throws InterruptedException {
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
