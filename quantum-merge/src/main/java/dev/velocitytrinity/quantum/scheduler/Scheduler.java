package dev.velocitytrinity.quantum.scheduler;

import dev.velocitytrinity.quantum.queue.Planner;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.queue.Transition;
import dev.velocitytrinity.quantum.store.BuildResult;
import dev.velocitytrinity.quantum.store.Fence;
import dev.velocitytrinity.quantum.store.RedisBuildJobs;
import dev.velocitytrinity.quantum.store.RedisLeaderLease;
import dev.velocitytrinity.quantum.store.RedisQueueStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler loop: while it holds the lease, it applies build results to the queues through
 * fenced transitions. Any number of schedulers may run; one leads, the others wait, and a result is
 * acknowledged only after its transition is stored, so a crash at any point loses nothing and
 * replays harmlessly (the planner ignores results it already used).
 */
public final class Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** Results applied per round at most; a round that applied fewer left none waiting. */
  public static final int MAX_RESULTS_PER_ROUND = 32;

  private final RedisQueueStore store;
  private final RedisBuildJobs jobs;
  private final RedisLeaderLease lease;
  private final Planner planner;
  private final QueuePolicy policy;
  private final Duration reclaimAfter;
  private volatile Optional<Fence> held = Optional.empty();

  public Scheduler(
      RedisQueueStore store,
      RedisBuildJobs jobs,
      RedisLeaderLease lease,
      Planner planner,
      QueuePolicy policy,
      Duration reclaimAfter) {
    this.store = store;
    this.jobs = jobs;
    this.lease = lease;
    this.planner = planner;
    this.policy = policy;
    this.reclaimAfter = reclaimAfter;
  }

  /**
   * One round: renew the lease, then apply up to a batch of results, waiting up to {@code block}
   * for them. Returns how many results were applied, or empty when another scheduler leads.
   */
  public Optional<Integer> runOnce(Duration block) {
    Optional<Fence> fence = lease.acquireOrRenew();
    held = fence;
    if (fence.isEmpty()) {
      return Optional.empty();
    }
    List<BuildResult> results =
        jobs.pollResults(lease.owner(), reclaimAfter, block, MAX_RESULTS_PER_ROUND);
    for (BuildResult result : results) {
      Transition t =
          store.apply(
              result.queue(),
              policy,
              fence,
              state -> planner.buildFinished(state, result.buildId(), result.passed()));
      jobs.ackResult(result);
      if (t.changed()) {
        LOG.debug("applied build {} of {}: {}", result.buildId(), result.queue(), t.actions());
      }
    }
    return Optional.of(results.size());
  }

  /** Gives the lease up if held, so another scheduler takes over at once. */
  public void stepDown() {
    held.ifPresent(lease::release);
    held = Optional.empty();
  }
}
