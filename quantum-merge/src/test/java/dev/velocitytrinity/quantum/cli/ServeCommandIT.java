package dev.velocitytrinity.quantum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import dev.velocitytrinity.testing.redis.RedisIT;
import dev.velocitytrinity.testing.redis.RedisServerInfo;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code quantum serve}, {@code worker} and the API clients together, as a user runs them. */
@RedisIT
@Timeout(120)
class ServeCommandIT {

  @TempDir Path sandbox;

  @Test
  void serveWorkerAndClients_serialQueueWithCommandExecutor_mergesPassingAndEjectsFailing(
      RedisServerInfo server) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String api = "http://127.0.0.1:" + port;
    CliHarness harness =
        CliHarness.of(QuantumCli::run, sandbox)
            .withEnv("REDIS_URL", server.url())
            .withEnv("QUANTUM_REDIS_KEY_PREFIX", server.keyPrefix())
            .withEnv("QUANTUM_QUEUE_STRATEGY", "serial")
            .withEnv("QUANTUM_QUEUE_RETRY_ONCE", "false")
            .withEnv("QUANTUM_CLIENT_SERVER", api)
            .withEnv("PATH", System.getenv("PATH"));
    Thread[] serving = new Thread[1];
    CompletableFuture<CliResult> serve =
        CompletableFuture.supplyAsync(
            () -> {
              serving[0] = Thread.currentThread();
              return harness.run("serve", "--listen", "127.0.0.1:" + port, "--name", "it");
            });
    await("the API to answer", () -> harness.run("status").exitCode() == 0);

    assertThat(harness.run("enqueue", "acme/app", "1", "--sha", "aaaaaaa1").out())
        .isEqualTo("enqueued #1 in acme/app:main (position 1 of 1)\n");
    harness.run("enqueue", "acme/app", "2", "--sha", "aaaaaaa2");
    CliResult duplicate = harness.run("enqueue", "acme/app", "2", "--sha", "aaaaaaa2");
    assertThat(duplicate.exitCode()).isEqualTo(1);
    assertThat(duplicate.err()).isEqualTo("quantum: error: PR #2 is already in acme/app:main\n");
    assertThat(harness.run("enqueue", "acme/app", "3", "--sha", "not-hex").exitCode()).isEqualTo(2);
    CliResult status = harness.run("status", "acme/app");
    assertThat(status.out())
        .contains("acme/app:main  serial depth 1  running")
        .contains("#1 ")
        .contains("build 1 running: main + #1");

    String command = "echo building $QUANTUM_PRS; test \"$QUANTUM_HEAD_PR\" != 2";
    CliResult first =
        harness.run("worker", "--once", "--executor", "command", "--command", command);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("build 1 of acme/app:main passed\n");
    await("#1 to merge", () -> entries(harness).size() == 1);
    CliResult second =
        harness.run("worker", "--once", "--executor", "command", "--command", command);
    assertThat(second.exitCode()).isEqualTo(1);
    await("#2 to be ejected", () -> entries(harness).isEmpty());

    assertThat(harness.run("pause", "acme/app").out()).isEqualTo("paused acme/app:main\n");
    harness.run("enqueue", "acme/app", "4", "--sha", "aaaaaaa4");
    assertThat(harness.run("status", "acme/app").out()).contains("paused").doesNotContain("build");
    assertThat(harness.run("dequeue", "acme/app", "4").exitCode()).isZero();
    assertThat(harness.run("dequeue", "acme/app", "4").exitCode()).isEqualTo(1);

    CliResult history =
        harness.run("status", "acme/app", "--follow", "--from-start", "--max-events", "4");
    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out().lines().map(l -> l.substring(l.indexOf(' ') + 1)))
        .containsExactly(
            "acme/app:main  #1 enqueued",
            "acme/app:main  build 1 started: main + #1",
            "acme/app:main  #2 enqueued",
            "acme/app:main  build 1 passed");

    serving[0].interrupt();
    CliResult stopped = serve.get();
    assertThat(stopped.exitCode()).isEqualTo(130);
    assertThat(stopped.out()).startsWith("listening on http://127.0.0.1:" + port);
    assertThat(harness.run("status").exitCode()).isEqualTo(3);
  }

  @Test
  void serve_embeddedRedisDies_exits3SayingTheQueuesAreGone_withoutRetryWarnings()
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // No REDIS_URL: serve starts its own redis-server child.
    CliHarness harness =
        CliHarness.of(QuantumCli::run, sandbox)
            .withEnv("QUANTUM_CLIENT_SERVER", "http://127.0.0.1:" + port);
    Set<Long> before = redisServers();
    CompletableFuture<CliResult> serve =
        CompletableFuture.supplyAsync(
            () -> harness.run("serve", "--listen", "127.0.0.1:" + port, "--name", "it"));
    await("the API to answer", () -> harness.run("status").exitCode() == 0);
    Set<Long> started = redisServers();
    started.removeAll(before);
    assertThat(started).hasSize(1);

    ProcessHandle.of(started.iterator().next()).orElseThrow().destroyForcibly();
    CliResult result = serve.get(60, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.err())
        .contains("quantum: error: the embedded redis-server stopped")
        .doesNotContain("retrying")
        .doesNotContain("\tat ");
  }

  private static Set<Long> redisServers() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
        .map(ProcessHandle::pid)
        .collect(Collectors.toCollection(HashSet::new));
  }

  private static JsonNode entries(CliHarness harness) {
    try {
      CliResult json = harness.run("status", "acme/app", "--format", "json");
      return new ObjectMapper().readTree(json.out()).path("entries");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void await(String what, Supplier<Boolean> condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
    }
  }
}
