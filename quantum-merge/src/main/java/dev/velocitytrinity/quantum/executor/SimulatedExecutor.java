package dev.velocitytrinity.quantum.executor;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A stand-in CI: each build takes a seeded random time around {@code mean} and fails with
 * probability {@code pFail}. The same seed and build give the same duration and outcome, on any
 * worker, so a reclaimed job behaves like the original.
 */
public final class SimulatedExecutor implements BuildExecutor {

  private static final Duration SLICE = Duration.ofMillis(200);

  private final long seed;
  private final Duration mean;
  private final double spread;
  private final double pFail;
  private final Sleeper sleeper;

  /**
   * @param spread relative half-width of the uniform duration, e.g. 0.2 for ±20%
   */
  public SimulatedExecutor(long seed, Duration mean, double spread, double pFail, Sleeper sleeper) {
    if (mean.isNegative() || spread < 0 || spread >= 1 || pFail < 0 || pFail > 1) {
      throw new IllegalArgumentException("invalid simulated executor parameters");
    }
    this.seed = seed;
    this.mean = mean;
    this.spread = spread;
    this.pFail = pFail;
    this.sleeper = sleeper;
  }

  /** The duration and outcome this executor gives a build, without running it. */
  public Plan plan(BuildRequest request) {
    SplittableRandom random =
        new SplittableRandom(seed * 31 + request.buildId() * 1_000_003L + request.head().pr());
    double factor = 1 + spread * (2 * random.nextDouble() - 1);
    Duration took = Duration.ofMillis(Math.round(mean.toMillis() * factor));
    return new Plan(took, random.nextDouble() >= pFail);
  }

  /** A build's duration and outcome. */
  public record Plan(Duration took, boolean passes) {}

  @Override
  public BuildOutcome run(BuildRequest request, Cancellation cancellation)
      throws InterruptedException {
    Plan plan = plan(request);
    Duration left = plan.took();
    while (left.compareTo(Duration.ZERO) > 0) {
      if (cancellation.cancelled()) {
        return new BuildOutcome(
            BuildOutcome.Status.CANCELLED, plan.took().minus(left), "cancelled");
      }
      Duration step = left.compareTo(SLICE) < 0 ? left : SLICE;
      sleeper.sleep(step);
      left = left.minus(step);
    }
    return new BuildOutcome(
        plan.passes() ? BuildOutcome.Status.PASSED : BuildOutcome.Status.FAILED,
        plan.took(),
        plan.passes() ? "simulated build passed" : "simulated build failed");
  }
}
