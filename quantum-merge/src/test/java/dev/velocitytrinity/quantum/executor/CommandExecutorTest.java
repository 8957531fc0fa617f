package dev.velocitytrinity.quantum.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.core.log.SecretScrubber;
import dev.velocitytrinity.quantum.queue.Entry;
import dev.velocitytrinity.quantum.queue.QueueKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandExecutorTest {

  @TempDir Path dir;

  private static final BuildRequest REQUEST =
      new BuildRequest(
          new QueueKey("acme/app", "main"),
          7,
          List.of(
              Entry.of(1, "aaa111", 0, Instant.EPOCH), Entry.of(2, "bbb222", 0, Instant.EPOCH)));

  private CommandExecutor executor(String command, SecretScrubber scrubber) {
    return new CommandExecutor(
        command,
        dir,
        Duration.ofMinutes(1),
        Map.of("PATH", System.getenv("PATH")),
        scrubber,
        Clock.systemUTC());
  }

  @Test
  void run_exitZero_passesWithEntryDetailsInEnvironment() throws Exception {
    BuildOutcome outcome =
        executor(
                "echo \"$QUANTUM_QUEUE $QUANTUM_BUILD_ID [$QUANTUM_PRS] [$QUANTUM_SHAS]"
                    + " $QUANTUM_HEAD_PR $QUANTUM_HEAD_SHA\"",
                SecretScrubber.withDefaults())
            .run(REQUEST, BuildExecutor.Cancellation.never());

    assertThat(outcome.status()).isEqualTo(BuildOutcome.Status.PASSED);
    assertThat(outcome.output()).isEqualTo("acme/app:main 7 [1 2] [aaa111 bbb222] 2 bbb222\n");
  }

  @Test
  void run_nonZeroExit_failsAndCapturesStderr() throws Exception {
    BuildOutcome outcome =
        executor("echo broken >&2; exit 3", SecretScrubber.withDefaults())
            .run(REQUEST, BuildExecutor.Cancellation.never());

    assertThat(outcome.status()).isEqualTo(BuildOutcome.Status.FAILED);
    assertThat(outcome.output()).isEqualTo("broken\n");
  }

  @Test
  void run_outputWithSecret_isScrubbed() throws Exception {
    SecretScrubber scrubber = SecretScrubber.withDefaults().withExactValues(List.of("hunter2-pw"));

    BuildOutcome outcome =
        executor("echo password is hunter2-pw", scrubber)
            .run(REQUEST, BuildExecutor.Cancellation.never());

    assertThat(outcome.output()).doesNotContain("hunter2-pw").startsWith("password is ");
  }

  @Test
  void run_cancelled_stopsTheProcess() throws Exception {
    BuildOutcome outcome =
        executor("sleep 30", SecretScrubber.withDefaults()).run(REQUEST, () -> true);

    assertThat(outcome.status()).isEqualTo(BuildOutcome.Status.CANCELLED);
  }
}
