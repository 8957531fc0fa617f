package dev.velocitytrinity.quantum.store;

import static dev.velocitytrinity.quantum.store.QueueFixture.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.quantum.executor.BuildExecutor;
import dev.velocitytrinity.quantum.executor.BuildOutcome;
import dev.velocitytrinity.quantum.executor.Worker;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.scheduler.Scheduler;
import dev.velocitytrinity.testing.FakeClock;
import dev.velocitytrinity.testing.redis.RedisIT;
import dev.velocitytrinity.testing.redis.RedisServerInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@RedisIT
@Timeout(60)
class WorkerIT {

  private static final QueuePolicy POLICY = QueuePolicy.serial();

  @Test
  void claim_workerKilledMidJob_jobIsReclaimedAndFinishedOnce(RedisServerInfo server)
      throws Exception {
    QueueFixture f = new QueueFixture(server);
    try (RedisConnection connection = f.connect();
        RedisConnection doomedConnection = f.connect()) {
      RedisQueueStore store = f.store(connection);
      f.enqueue(store, POLICY, 1);
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch never = new CountDownLatch(1);
      BuildExecutor hangs =
          (request, cancellation) -> {
            started.countDown();
            never.await();
            throw new AssertionError("unreachable");
          };
      Worker doomed =
          new Worker(
              f.jobs(doomedConnection),
              hangs,
              "doomed",
              Duration.ofMillis(300),
              Duration.ofMillis(100),
              f.clock);
      AtomicReference<Throwable> died = new AtomicReference<>();
      Thread doomedThread =
          new Thread(
              () -> {
                try {
                  doomed.runOnce(Duration.ofSeconds(1));
                } catch (Throwable t) {
                  died.set(t);
                }
              });
      doomedThread.start();
      started.await();

      // Kill it mid-build: the thread dies and its connection goes away without an ack.
      doomedThread.interrupt();
      doomedThread.join(10_000);
      doomedConnection.close();
      assertThat(died.get()).isInstanceOf(InterruptedException.class);
      assertThat(f.jobs(connection).pendingJobs()).isEqualTo(1);

      Worker rescuer = f.instantWorker(connection, "rescuer", Set.of());
      AtomicReference<Optional<Worker.Done>> done = new AtomicReference<>(Optional.empty());
      Loops.await(
          Duration.ofSeconds(20),
          "the job to be reclaimed",
          () -> {
            try {
              done.set(rescuer.runOnce(Duration.ofMillis(50)));
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return done.get().isPresent();
          });

      Worker.Done rescued = done.get().orElseThrow();
      assertThat(rescued.job().deliveries()).isGreaterThan(1);
      assertThat(rescued.reported()).isTrue();
      RedisBuildJobs jobs = f.jobs(connection);
      assertThat(jobs.pendingJobs()).isZero();
      assertThat(jobs.resultsFor(QUEUE, rescued.job().buildId())).isEqualTo(1);
      // The first worker coming back late does not report a second result.
      assertThat(jobs.complete(rescued.job(), true, "doomed")).isFalse();
      assertThat(jobs.resultsFor(QUEUE, rescued.job().buildId())).isEqualTo(1);

      Scheduler scheduler = f.scheduler(connection, "s", POLICY, Duration.ofSeconds(5));
      scheduler.runOnce(Duration.ZERO);
      assertThat(store.mergedPrs(QUEUE)).containsExactly(1);
    }
  }

  @Test
  void heartbeat_stalledWorkerWhoseJobWasReclaimed_stopsWithoutTakingItBackOrAckingIt(
      RedisServerInfo server) throws Exception {
    QueueFixture f = new QueueFixture(server);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (RedisConnection connection = f.connect()) {
      RedisQueueStore store = f.store(connection);
      RedisBuildJobs jobs = f.jobs(connection);
      f.enqueue(store, POLICY, 1);
      // The stalled worker's clock stands still, so it renews nothing until the test moves it.
      FakeClock stalledClock = FakeClock.atEpochOfTests();
      CountDownLatch stalledStarted = new CountDownLatch(1);
      BuildExecutor spins =
          (request, cancellation) -> {
            stalledStarted.countDown();
            while (!cancellation.cancelled()) {
              Thread.onSpinWait();
            }
            return new BuildOutcome(BuildOutcome.Status.CANCELLED, Duration.ZERO, "");
          };
      Worker stalled =
          new Worker(
              jobs, spins, "stalled", Duration.ofMillis(300), Duration.ofMillis(100), stalledClock);
      Future<Optional<Worker.Done>> stalledDone =
          threads.submit(() -> stalled.runOnce(Duration.ofSeconds(1)));
      stalledStarted.await();

      CountDownLatch rescuerStarted = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      BuildExecutor holds =
          (request, cancellation) -> {
            rescuerStarted.countDown();
            release.await();
            return new BuildOutcome(BuildOutcome.Status.PASSED, Duration.ZERO, "");
          };
      Worker rescuer =
          new Worker(
              jobs, holds, "rescuer", Duration.ofMillis(300), Duration.ofMillis(100), f.clock);
      Future<Worker.Done> rescued =
          threads.submit(
              () -> {
                Optional<Worker.Done> done = Optional.empty();
                while (done.isEmpty()) {
                  done = rescuer.runOnce(Duration.ofMillis(50));
                }
                return done.get();
              });
      rescuerStarted.await();

      stalledClock.advance(Duration.ofSeconds(1));
      Worker.Done stopped = stalledDone.get(20, TimeUnit.SECONDS).orElseThrow();

      assertThat(stopped.status()).isEqualTo(BuildOutcome.Status.CANCELLED);
      assertThat(stopped.reported()).isFalse();
      assertThat(jobs.pendingJobs()).as("the rescuer still holds the job").isEqualTo(1);
      release.countDown();
      Worker.Done finished = rescued.get(20, TimeUnit.SECONDS);
      assertThat(finished.reported()).isTrue();
      assertThat(finished.job().deliveries()).isGreaterThan(1);
      assertThat(jobs.resultsFor(QUEUE, finished.job().buildId())).isEqualTo(1);
      assertThat(jobs.pendingJobs()).isZero();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void runOnce_cancelledBuild_isAbandonedWithoutResult(RedisServerInfo server) throws Exception {
    QueueFixture f = new QueueFixture(server);
    QueuePolicy policy = QueuePolicy.speculative(2);
    try (RedisConnection connection = f.connect()) {
      RedisQueueStore store = f.store(connection);
      f.enqueue(store, policy, 1);
      f.enqueue(store, policy, 2);
      store.apply(QUEUE, policy, Optional.empty(), s -> f.planner.dequeue(s, 1));
      Worker worker = f.instantWorker(connection, "w", Set.of());

      Worker.Done first = worker.runOnce(Duration.ZERO).orElseThrow();
      Worker.Done second = worker.runOnce(Duration.ZERO).orElseThrow();
      Worker.Done third = worker.runOnce(Duration.ZERO).orElseThrow();

      assertThat(first.reported()).isFalse();
      assertThat(second.reported()).isFalse();
      assertThat(third.job().entries()).extracting(e -> e.pr()).containsExactly(2);
      assertThat(third.reported()).isTrue();
    }
  }

  @Test
  void cancelledAndDoneMarks_olderThanTheRetention_areTrimmedOnTheNextWrite(RedisServerInfo server)
      throws Exception {
    QueueFixture f = new QueueFixture(server);
    QueuePolicy policy = QueuePolicy.speculative(2);
    try (RedisConnection connection = f.connect()) {
      var redis = connection.client();
      long longAgo = System.currentTimeMillis() - RedisBuildJobs.RETENTION.toMillis() - 60_000;
      redis.zadd(f.keys.cancelled(), longAgo, "acme/old:main#1");
      redis.zadd(f.keys.done(), longAgo, "acme/old:main#2");
      RedisQueueStore store = f.store(connection);
      f.enqueue(store, policy, 1);
      f.enqueue(store, policy, 2);

      store.apply(QUEUE, policy, Optional.empty(), s -> f.planner.dequeue(s, 1));
      Worker.Done done =
          f.instantWorker(connection, "w", Set.of()).runOnce(Duration.ZERO).orElseThrow();

      assertThat(done.reported()).isFalse(); // PR 1's build was cancelled
      assertThat(redis.zscore(f.keys.cancelled(), "acme/old:main#1")).isNull();
      assertThat(redis.zcard(f.keys.cancelled())).isPositive();
      Worker.Done next =
          f.instantWorker(connection, "w2", Set.of()).runOnce(Duration.ZERO).orElseThrow();
      Worker.Done last =
          f.instantWorker(connection, "w3", Set.of()).runOnce(Duration.ZERO).orElseThrow();
      assertThat(List.of(next.reported(), last.reported())).contains(true);
      assertThat(redis.zscore(f.keys.done(), "acme/old:main#2")).isNull();
      assertThat(redis.zcard(f.keys.done())).isPositive();
    }
  }
}
