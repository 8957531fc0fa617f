package dev.velocitytrinity.quantum.sim;

import dev.velocitytrinity.quantum.queue.Strategy;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one simulated run measured.
 *
 * @param throughputPerHour merged PRs per hour, from the first arrival to the last merge
 * @param modelThroughputPerHour the analytical expectation, when the strategy has one
 * @param buildMinutesPerMerged executor minutes spent (cancelled builds included) per merged PR
 * @param modelBuildMinutesPerMerged the analytical expectation of that, when there is one
 * @param wastedBuilds builds whose result decided nothing: cancelled, or superseded
 * @param redisRoundTrips commands sent to Redis during the run
 */
public record SimulationReport(
    Strategy strategy,
    int depth,
    int batchSize,
    int prs,
    int merged,
    int ejected,
    double throughputPerHour,
    OptionalDouble modelThroughputPerHour,
    double meanTimeToMergeMinutes,
    double p95TimeToMergeMinutes,
    double buildMinutesPerMerged,
    OptionalDouble modelBuildMinutesPerMerged,
    int buildsStarted,
    int wastedBuilds,
    double virtualHours,
    long transitions,
    long redisRoundTrips,
    long wallMillis,
    List<TimelineLine> timeline) {

  public SimulationReport {
    timeline = List.copyOf(timeline);
  }

  /** One line of the run's timeline: virtual time since the start and what happened. */
  public record TimelineLine(long atMillis, String text) {}
}
