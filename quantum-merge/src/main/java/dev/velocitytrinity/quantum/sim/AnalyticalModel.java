package dev.velocitytrinity.quantum.sim;

import dev.velocitytrinity.quantum.queue.Strategy;
import java.util.OptionalDouble;

/**
 * Closed-form throughput for a saturated queue (always more PRs waiting than the window), to set
 * beside the simulator's measurements. With mean build time T and per-PR failure probability q:
 *
 * <ul>
 *   <li>serial: every PR takes one build; a fraction 1-q merges, so throughput = (1-q)/T;
 *   <li>speculative, window k = min(depth, executors): the builds of a window run side by side; the
 *       window merges up to its first failing entry, which is ejected, and the builds behind
 *       restart. Merges per round are Σ_{i=1..k} (1-q)^i. A round lasts as long as the slowest of
 *       the builds up to the first failing one (position n, or k when none fails): with build times
 *       uniform on T(1±s), E[round] = T((1-s) + 2s·E[n/(n+1)]). Throughput is merges per round over
 *       the expected round length (a renewal-reward argument).
 * </ul>
 *
 * A flaky failure probability f is folded in as extra failures (and a retry of each failed head
 * when f > 0), which makes the model approximate for f > 0. When PRs arrive slower than the
 * capacity, throughput is the arrival rate times the fraction that merges. Batch has no model here:
 * bisection depth depends on where culprits fall.
 */
public final class AnalyticalModel {

  private AnalyticalModel() {}

  /**
   * Expected executor minutes per merged PR in a saturated queue: serial spends its builds per PR
   * over the fraction that merges; speculative keeps k executors busy for a round of T that merges
   * Σ (1-q)^i PRs. Empty for batch.
   */
  public static OptionalDouble buildMinutesPerMerged(SimulationParams p) {
    double minutes = p.buildMean().toMillis() / 60_000.0;
    double q = p.pFail();
    double f = p.pFlaky();
    boolean retry = f > 0;
    if (p.strategy() == Strategy.SERIAL) {
      double buildsPerPr = (1 - q) * (1 + (retry ? f : 0)) + q * (retry ? 2 : 1);
      double mergedFraction = (1 - q) * ((1 - f) + (retry ? f * (1 - f) : 0));
      return OptionalDouble.of(buildsPerPr * minutes / mergedFraction);
    }
    if (p.strategy() == Strategy.SPECULATIVE) {
      int k = Math.min(p.depth(), p.executors());
      double pass = (1 - q) * (1 - f);
      double perRound = 0;
      for (int i = 1; i <= k; i++) {
        perRound += Math.pow(pass, i);
      }
      return OptionalDouble.of(k * minutes / perRound);
    }
    return OptionalDouble.empty();
  }

  /** Expected merged PRs per hour, or empty when there is no model for the strategy. */
  public static OptionalDouble throughputPerHour(SimulationParams p) {
    double hours = p.buildMean().toMillis() / 3_600_000.0;
    double q = p.pFail();
    double f = p.pFlaky();
    boolean retry = f > 0;
    double mergeGivenGood = (1 - f) + (retry ? f * (1 - f) : 0);
    double mergedFraction = (1 - q) * mergeGivenGood;
    double capacity;
    if (p.strategy() == Strategy.SERIAL) {
      double buildsPerPr = (1 - q) * (1 + (retry ? f : 0)) + q * (retry ? 2 : 1);
      capacity = mergedFraction / (buildsPerPr * hours);
    } else if (p.strategy() == Strategy.SPECULATIVE) {
      int k = Math.min(p.depth(), p.executors());
      double pass = (1 - q) * (1 - f);
      double perRound = 0;
      for (int i = 1; i <= k; i++) {
        perRound += Math.pow(pass, i);
      }
      capacity = perRound / hours;
    } else {
      return OptionalDouble.empty();
    }
    if (p.arrivalPerHour() > 0) {
      capacity = Math.min(capacity, p.arrivalPerHour() * mergedFraction);
    }
    return OptionalDouble.of(capacity);
  }
}
