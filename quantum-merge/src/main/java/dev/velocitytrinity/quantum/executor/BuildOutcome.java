package dev.velocitytrinity.quantum.executor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a build ended.
 *
 * @param output the build's captured output, scrubbed of secrets and truncated
 */
public record BuildOutcome(Status status, Duration took, String output) {

  public BuildOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(took, "took");
    output = output == null ? "" : output;
  }

  public boolean passed() {
    return status == Status.PASSED;
  }

  /** Passed, failed, or stopped because the scheduler cancelled it. */
  public enum Status {
    PASSED,
    FAILED,
    CANCELLED
  }
}
