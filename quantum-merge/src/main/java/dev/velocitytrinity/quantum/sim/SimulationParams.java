package dev.velocitytrinity.quantum.sim;

import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.queue.Strategy;
import java.time.Duration;
import java.util.Objects;

/**
 * One simulated run.
 *
 * @param arrivalPerHour mean PR arrivals per hour (Poisson); 0 enqueues every PR at once
 * @param buildSpread relative half-width of the uniform build time, 0.2 for ±20%
 * @param pFail probability that a PR is broken: every build containing it fails
 * @param pFlaky probability that any build fails spuriously
 * @param vouching whether later passing builds vouch for failed ones ahead (the planner flag)
 */
public record SimulationParams(
    int prs,
    double arrivalPerHour,
    Duration buildMean,
    double buildSpread,
    double pFail,
    double pFlaky,
    int executors,
    Strategy strategy,
    int depth,
    int batchSize,
    long seed,
    boolean vouching) {

  public SimulationParams {
    Objects.requireNonNull(buildMean, "buildMean");
    Objects.requireNonNull(strategy, "strategy");
    check(prs >= 1 && prs <= 100_000, "--prs must be between 1 and 100000");
    check(arrivalPerHour >= 0 && Double.isFinite(arrivalPerHour), "--arrival-rate must be >= 0");
    check(!buildMean.isNegative() && !buildMean.isZero(), "--build-time must be positive");
    check(buildSpread >= 0 && buildSpread < 1, "--build-time spread must be in [0%, 100%)");
    check(pFail >= 0 && pFail < 1, "--p-fail must be in [0, 1)");
    check(pFlaky >= 0 && pFlaky < 1, "--p-flaky must be in [0, 1)");
    check(executors >= 1 && executors <= 1024, "--executors must be between 1 and 1024");
    check(depth >= 1 && depth <= 64, "--depth must be between 1 and 64");
    check(batchSize >= 1 && batchSize <= 64, "--batch-size must be between 1 and 64");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The planner policy. Retry-once is on only when builds can be flaky: with no flakiness a retry
   * of a failed build can only fail again.
   */
  public QueuePolicy policy() {
    return new QueuePolicy(strategy, depth, batchSize, pFlaky > 0, vouching);
  }

  public SimulationParams withStrategy(Strategy value) {
    return new SimulationParams(
        prs,
        arrivalPerHour,
        buildMean,
        buildSpread,
        pFail,
        pFlaky,
        executors,
        value,
        depth,
        batchSize,
        seed,
        vouching);
  }
}
