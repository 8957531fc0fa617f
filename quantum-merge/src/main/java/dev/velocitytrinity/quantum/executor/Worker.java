package dev.velocitytrinity.quantum.executor;

import dev.velocitytrinity.quantum.store.BuildJob;
import dev.velocitytrinity.quantum.store.RedisBuildJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes build jobs from the stream and runs them on an executor. While a build runs the worker
 * renews its claim every {@code heartbeat} and checks for cancellation; a worker that dies stops
 * renewing, and another worker reclaims the job after {@code reclaimAfter}.
 */
public final class Worker {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final RedisBuildJobs jobs;
  private final BuildExecutor executor;
  private final String consumer;
  private final Duration reclaimAfter;
  private final Duration heartbeat;
  private final Clock clock;

  public Worker(
      RedisBuildJobs jobs,
      BuildExecutor executor,
      String consumer,
      Duration reclaimAfter,
      Duration heartbeat,
      Clock clock) {
    if (heartbeat.compareTo(reclaimAfter) >= 0) {
      throw new IllegalArgumentException("the heartbeat must be shorter than the reclaim timeout");
    }
    this.jobs = jobs;
    this.executor = executor;
    this.consumer = consumer;
    this.reclaimAfter = reclaimAfter;
    this.heartbeat = heartbeat;
    this.clock = clock;
  }

  /** Runs at most one job, waiting up to {@code block} for one; returns what happened. */
  public Optional<Done> runOnce(Duration block) throws InterruptedException {
    Optional<BuildJob> claimed = jobs.claim(consumer, reclaimAfter, block);
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    BuildJob job = claimed.get();
    if (jobs.isCancelled(job)) {
      jobs.abandon(job);
      return Optional.of(new Done(job, BuildOutcome.Status.CANCELLED, false));
    }
    LOG.info(
        "build {} of {} started: PRs {}{}",
        job.buildId(),
        job.queue(),
        job.entries().stream().map(e -> "#" + e.pr()).toList(),
        job.deliveries() > 1 ? " (reclaimed)" : "");
    Instant[] lastBeat = {clock.instant()};
    boolean[] lost = {false};
    BuildOutcome outcome =
        executor.run(
            new BuildRequest(job.queue(), job.buildId(), job.entries()),
            () -> {
              Instant now = clock.instant();
              if (Duration.between(lastBeat[0], now).compareTo(heartbeat) >= 0) {
                if (!jobs.heartbeat(job, consumer)) {
                  lost[0] = true;
                  return true;
                }
                lastBeat[0] = now;
                return jobs.isCancelled(job);
              }
              return false;
            });
    if (lost[0]) {
      // Another worker has the job now: it reports the result and acknowledges the job.
      LOG.warn(
          "build {} of {} was reclaimed by another worker; stopped", job.buildId(), job.queue());
      return Optional.of(new Done(job, BuildOutcome.Status.CANCELLED, false));
    }
    if (outcome.status() == BuildOutcome.Status.CANCELLED) {
      jobs.abandon(job);
      LOG.info("build {} of {} cancelled", job.buildId(), job.queue());
      return Optional.of(new Done(job, outcome.status(), false));
    }
    if (!outcome.output().isEmpty()) {
      LOG.debug("build {} output:\n{}", job.buildId(), outcome.output());
    }
    boolean reported = jobs.complete(job, outcome.passed(), consumer);
    LOG.info(
        "build {} of {} {}{}",
        job.buildId(),
        job.queue(),
        outcome.passed() ? "passed" : "failed",
        reported ? "" : " (already reported by another worker)");
    return Optional.of(new Done(job, outcome.status(), reported));
  }

  /** One job's end: its status and whether this worker's result was the one recorded. */
  public record Done(BuildJob job, BuildOutcome.Status status, boolean reported) {}
}
