package dev.velocitytrinity.quantum.store;

import static dev.velocitytrinity.quantum.store.QueueFixture.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.scheduler.Scheduler;
import dev.velocitytrinity.testing.redis.RedisIT;
import dev.velocitytrinity.testing.redis.RedisServerInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;

@RedisIT
@Timeout(90)
class RecoveryIT {

  private static final QueuePolicy POLICY = QueuePolicy.speculative(3);

  @Test
  void scheduler_stoppedMidQueueAndRestarted_losesNothingAndMergesNothingTwice(
      RedisServerInfo server) throws Exception {
    QueueFixture f = new QueueFixture(server);
    try (RedisConnection connection = f.connect();
        Loops loops = new Loops()) {
      RedisQueueStore store = f.store(connection);
      RedisBuildJobs jobs = f.jobs(connection);
      for (int pr = 1; pr <= 12; pr++) {
        f.enqueue(store, POLICY, pr);
      }
      var worker = f.instantWorker(connection, "w", Set.of(5));
      loops.start("worker", () -> worker.runOnce(Duration.ofMillis(50)));

      RedisConnection firstConnection = f.connect();
      Scheduler first = f.scheduler(firstConnection, "first", POLICY, Duration.ofMillis(500));
      Thread firstLoop = loops.start("first", () -> first.runOnce(Duration.ofMillis(50)));
      Loops.await(Duration.ofSeconds(20), "some merges", () -> store.mergedPrs(QUEUE).size() >= 3);
      // Stop it hard: no step-down, and results it read but never applied stay pending.
      Loops.stop(firstLoop);
      jobs.pollResults("first", Duration.ofHours(1), Duration.ZERO, 10);
      firstConnection.close();
      assertThat(store.load(QUEUE).orElseThrow().entries()).isNotEmpty();

      Scheduler second = f.scheduler(f.connect(), "second", POLICY, Duration.ofMillis(500));
      loops.start("second", () -> second.runOnce(Duration.ofMillis(50)));
      Loops.await(
          Duration.ofSeconds(30),
          "the queue to drain",
          () -> store.load(QUEUE).orElseThrow().entries().isEmpty());

      List<Integer> expected = IntStream.rangeClosed(1, 12).filter(pr -> pr != 5).boxed().toList();
      assertThat(store.mergedPrs(QUEUE)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void loops_redisConnectionsDroppedMidQueue_resumeAndFinish(RedisServerInfo server)
      throws Exception {
    QueueFixture f = new QueueFixture(server);
    try (RedisConnection connection = f.connect();
        RedisConnection schedulerConnection = f.connect();
        RedisConnection workerConnection = f.connect();
        RedisClient admin = RedisClient.create(URI.create(server.url()));
        Loops loops = new Loops()) {
      RedisQueueStore store = f.store(connection);
      for (int pr = 1; pr <= 20; pr++) {
        f.enqueue(store, POLICY, pr);
      }
      Scheduler scheduler = f.scheduler(schedulerConnection, "s", POLICY, Duration.ofSeconds(5));
      var worker = f.instantWorker(workerConnection, "w", Set.of());
      loops.start("scheduler", () -> scheduler.runOnce(Duration.ofMillis(50)));
      loops.start("worker", () -> worker.runOnce(Duration.ofMillis(50)));
      Loops.await(Duration.ofSeconds(20), "some merges", () -> store.mergedPrs(QUEUE).size() >= 2);

      // Drop every client connection the server has (ours included), twice.
      for (int i = 0; i < 2; i++) {
        admin.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE", "normal");
      }

      Loops.await(
          Duration.ofSeconds(40),
          "the queue to drain after reconnecting",
          () -> {
            try {
              return store.load(QUEUE).orElseThrow().entries().isEmpty();
            } catch (StoreException.Unavailable e) {
              return false;
            }
          });
      List<List<Integer>> merged = new java.util.ArrayList<>();
      Loops.await(
          Duration.ofSeconds(10),
          "a connection that survived the kill",
          () -> {
            try {
              merged.add(store.mergedPrs(QUEUE));
              return true;
            } catch (StoreException.Unavailable e) {
              return false;
            }
          });
      assertThat(merged.get(0))
          .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
      assertThat(loops.unavailable.get()).as("loops saw the dropped connections").isPositive();
    }
  }
}
