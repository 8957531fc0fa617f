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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@RedisIT
@Timeout(120)
class SimulateCommandIT {

  @TempDir Path sandbox;

  private CliHarness harness(RedisServerInfo server) {
    return CliHarness.of(QuantumCli::run, sandbox).withEnv("REDIS_URL", server.url());
  }

  @Test
  void simulate_threePrs_printsParallelTimelineAndTablePerStrategy(RedisServerInfo server) {
    CliResult result = harness(server).run("simulate", "--prs", "3");

    assertThat(result.exitCode()).as(result.err()).isZero();
    String out = result.out();
    String speculative =
        out.substring(out.indexOf("speculative k=8: 3 PRs"), out.indexOf("batch b=4: 3 PRs"));
    List<String> lines = speculative.lines().toList();
    int lastStart = indexOf(lines, "build 3 started: main + #1 + #2 + #3");
    int firstMerge = indexOf(lines, "#1 merged");
    assertThat(lastStart).isPositive().isLessThan(firstMerge);
    assertThat(speculative).contains("#2 merged", "#3 merged").doesNotContain("ejected");
    assertThat(out)
        .contains("strategy", "PRs/hour", "(model)")
        .containsPattern("(?m)^serial +3 +0 ")
        .containsPattern("(?m)^speculative k=8 +3 +0 ")
        .containsPattern("(?m)^batch b=4 +3 +0 ");
    assertThat(harness(server).run("simulate", "--prs", "3").out()).isEqualTo(out);
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void simulate_noRedisConfigured_startsEmbeddedServer() {
    CliResult result =
        CliHarness.of(QuantumCli::run, sandbox)
            .run("simulate", "--prs", "5", "--strategy", "serial", "--no-timeline");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("(?m)^serial +\\d+ +\\d+ ");
  }

  @Test
  void simulate_twoHundredPrsJson_speculativeBeatsSerialAndAccountsForEveryPr(
      RedisServerInfo server) throws Exception {
    CliResult result =
        harness(server)
            .run(
                "simulate",
                "--prs",
                "200",
                "--arrival-rate",
                "0",
                "--p-fail",
                "0.1",
                "--format",
                "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode runs = new ObjectMapper().readTree(result.out()).path("runs");
    assertThat(runs).hasSize(3);
    for (JsonNode run : runs) {
      assertThat(run.path("merged").asInt() + run.path("ejected").asInt()).isEqualTo(200);
    }
    double serial = runs.get(0).path("throughputPerHour").asDouble();
    double speculative = runs.get(1).path("throughputPerHour").asDouble();
    assertThat(speculative).isGreaterThan(4 * serial);
    assertThat(runs.get(0).path("modelThroughputPerHour").asDouble()).isPositive();
    assertThat(runs.get(2).path("modelThroughputPerHour").isNull()).isTrue();
    assertThat(runs.get(0).path("wastedBuilds").asInt()).isZero();
  }

  @Test
  void simulate_allStrategiesSideBySide_countsEachRunsOwnRedisRoundTrips(RedisServerInfo server)
      throws Exception {
    String[] common = {"simulate", "--prs", "30", "--arrival-rate", "0", "--format", "json"};
    CliResult all = harness(server).run(common);
    String[] alone = java.util.Arrays.copyOf(common, common.length + 2);
    alone[common.length] = "--strategy";
    alone[common.length + 1] = "speculative";
    CliResult speculative = harness(server).run(alone);

    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(speculative.exitCode()).as(speculative.err()).isZero();
    JsonNode together = new ObjectMapper().readTree(all.out()).path("runs").get(1);
    JsonNode single = new ObjectMapper().readTree(speculative.out()).path("runs").get(0);
    assertThat(together.path("strategy").asText()).isEqualTo("speculative");
    assertThat(single.path("redisRoundTrips").asLong()).isPositive();
    assertThat(together.path("redisRoundTrips").asLong())
        .isEqualTo(single.path("redisRoundTrips").asLong());
  }

  @Test
  void simulate_invalidParameters_exitWithOneLineUsageError() {
    CliHarness harness = CliHarness.of(QuantumCli::run, sandbox);

    CliResult badP = harness.run("simulate", "--p-fail", "1.5");
    CliResult badTime = harness.run("simulate", "--build-time", "soon");

    assertThat(badP.exitCode()).isEqualTo(2);
    assertThat(badP.err()).isEqualTo("quantum: error: --p-fail must be in [0, 1)\n");
    assertThat(badTime.exitCode()).isEqualTo(2);
    assertThat(badTime.err()).startsWith("quantum: error: invalid build time 'soon'");
  }

  @Test
  void simulate_redisDown_exits3WithoutLeakingThePassword() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CliResult result =
        CliHarness.of(QuantumCli::run, sandbox)
            .withEnv("REDIS_URL", "redis://127.0.0.1:" + closedPort)
            .withEnv("QUANTUM_REDIS_PASSWORD", "correct-horse-battery")
            .run("simulate", "--prs", "2");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith("quantum: error: Redis at redis://127.0.0.1:" + closedPort + " is unavailable")
        .doesNotContain("correct-horse-battery")
        .doesNotContain("\tat ");
    assertThat(result.err().lines()).hasSize(1);
  }
}
