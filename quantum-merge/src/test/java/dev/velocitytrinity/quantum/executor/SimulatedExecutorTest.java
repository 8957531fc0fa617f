package dev.velocitytrinity.quantum.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.quantum.queue.Entry;
import dev.velocitytrinity.quantum.queue.QueueKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedExecutorTest {

  private static BuildRequest request(long id) {
    return new BuildRequest(
        new QueueKey("acme/app", "main"), id, List.of(Entry.of(1, "abc", 0, Instant.EPOCH)));
  }

  @Test
  void run_sameSeedAndBuild_sameDurationAndOutcomeWithoutRealSleep() throws Exception {
    List<Duration> slept = new ArrayList<>();
    SimulatedExecutor executor =
        new SimulatedExecutor(7, Duration.ofSeconds(5), 0.2, 0.5, slept::add);

    BuildOutcome first = executor.run(request(3), BuildExecutor.Cancellation.never());
    BuildOutcome again = executor.run(request(3), BuildExecutor.Cancellation.never());

    assertThat(first).isEqualTo(again);
    assertThat(first.took()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
    assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(first.took().multipliedBy(2));
  }

  @Test
  void plan_failureProbability_matchesOverManyBuilds() {
    SimulatedExecutor executor = new SimulatedExecutor(1, Duration.ofSeconds(5), 0.2, 0.1, d -> {});

    long failed = 0;
    for (long id = 1; id <= 5_000; id++) {
      failed += executor.plan(request(id)).passes() ? 0 : 1;
    }

    assertThat(failed / 5_000.0).isBetween(0.08, 0.12);
  }

  @Test
  void run_cancelled_stopsEarly() throws Exception {
    SimulatedExecutor executor = new SimulatedExecutor(1, Duration.ofSeconds(5), 0, 0, d -> {});

    BuildOutcome outcome = executor.run(request(1), () -> true);

    assertThat(outcome.status()).isEqualTo(BuildOutcome.Status.CANCELLED);
  }
}
