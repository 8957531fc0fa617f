package dev.velocitytrinity.quantum.store;

import dev.velocitytrinity.core.config.Secret;
import dev.velocitytrinity.quantum.executor.BuildExecutor;
import dev.velocitytrinity.quantum.executor.BuildOutcome;
import dev.velocitytrinity.quantum.executor.Worker;
import dev.velocitytrinity.quantum.queue.Planner;
import dev.velocitytrinity.quantum.queue.QueueKey;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.scheduler.Scheduler;
import dev.velocitytrinity.testing.redis.RedisServerInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Connections, stores and loops over one {@link RedisServerInfo}, for the integration tests. */
final class QueueFixture {

  static final QueueKey QUEUE = new QueueKey("acme/app", "main");

  final RedisServerInfo server;
  final RedisKeys keys;
  final Clock clock = Clock.systemUTC();
  final Planner planner = new Planner(clock);

  QueueFixture(RedisServerInfo server) {
    this.server = server;
    this.keys = new RedisKeys(server.keyPrefix());
  }

  RedisConnection connect() {
    String password = System.getenv("REDIS_PASSWORD");
    return RedisConnector.connect(
        RedisSettings.of(server.url(), password == null ? null : Secret.of(password)));
  }

  RedisQueueStore store(RedisConnection connection) {
    return new RedisQueueStore(connection, keys, clock);
  }

  RedisBuildJobs jobs(RedisConnection connection) {
    RedisBuildJobs jobs = new RedisBuildJobs(connection, keys);
    jobs.ensureGroups();
    return jobs;
  }

  Scheduler scheduler(
      RedisConnection connection, String owner, QueuePolicy policy, Duration leaseTtl) {
    return new Scheduler(
        store(connection),
        jobs(connection),
        new RedisLeaderLease(connection, keys, owner, leaseTtl),
        planner,
        policy,
        Duration.ofMillis(300));
  }

  /** A worker whose builds finish at once: they fail when they contain one of {@code bad}. */
  Worker instantWorker(RedisConnection connection, String name, Set<Integer> bad) {
    BuildExecutor executor =
        (request, cancellation) ->
            new BuildOutcome(
                request.entries().stream().anyMatch(e -> bad.contains(e.pr()))
                    ? BuildOutcome.Status.FAILED
                    : BuildOutcome.Status.PASSED,
                Duration.ZERO,
                "");
    return new Worker(
        jobs(connection), executor, name, Duration.ofMillis(300), Duration.ofMillis(100), clock);
  }

  void enqueue(RedisQueueStore store, QueuePolicy policy, int pr) {
    store.apply(QUEUE, policy, Optional.empty(), s -> planner.enqueue(s, pr, "sha" + pr, 0));
  }
}
