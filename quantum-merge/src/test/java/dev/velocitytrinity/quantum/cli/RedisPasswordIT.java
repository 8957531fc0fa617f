package dev.velocitytrinity.quantum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.testing.CliHarness;
import dev.velocitytrinity.testing.CliResult;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * A password-protected redis-server (started here: {@code @RedisIT} servers have no password): the
 * password from {@code QUANTUM_REDIS_PASSWORD} works, and a wrong one fails with exit 3 and never
 * shows up in the output.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisPasswordIT {

  private static final String PASSWORD = "s3cret-Passw0rd-42";
  private RedisServer server;
  private int port;

  @TempDir Path sandbox;

  @BeforeAll
  void startServer() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server =
        RedisServer.newRedisServer()
            .bind("127.0.0.1")
            .port(port)
            .setting("requirepass " + PASSWORD)
            .setting("save \"\"")
            .onShutdownForceStop(true)
            .build();
    server.start();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.stop();
  }

  private CliHarness harness() {
    return CliHarness.of(QuantumCli::run, sandbox)
        .withEnv("REDIS_URL", "redis://127.0.0.1:" + port);
  }

  @Test
  void simulate_passwordFromEnvironment_authenticates() {
    CliResult result =
        harness()
            .withEnv("QUANTUM_REDIS_PASSWORD", PASSWORD)
            .run("simulate", "--prs", "2", "--strategy", "serial", "--no-timeline", "--verbose");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out() + result.err()).doesNotContain(PASSWORD);
  }

  @Test
  void simulate_wrongPassword_exits3WithoutPrintingIt() {
    CliResult result =
        harness()
            .withEnv("QUANTUM_REDIS_PASSWORD", "wrong-Passw0rd-99")
            .run("simulate", "--prs", "2", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err().lines().reduce((a, b) -> b).orElse(""))
        .startsWith("quantum: error: Redis at redis://127.0.0.1:" + port + " is unavailable");
    assertThat(result.err()).doesNotContain("wrong-Passw0rd-99").doesNotContain(PASSWORD);
  }

  @Test
  void simulate_missingPassword_exits3() {
    CliResult result = harness().run("simulate", "--prs", "2");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("is unavailable");
  }

  @Test
  void simulate_wrongPasswordInsideUrl_isNotEchoed() {
    CliResult result =
        CliHarness.of(QuantumCli::run, sandbox)
            .withEnv("REDIS_URL", "redis://:Url-Passw0rd-77@127.0.0.1:" + port)
            .run("simulate", "--prs", "2");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).doesNotContain("Url-Passw0rd-77");
  }
}
