package dev.velocitytrinity.quantum.store;

import static dev.velocitytrinity.quantum.store.QueueFixture.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.velocitytrinity.quantum.queue.Action;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.queue.QueueState;
import dev.velocitytrinity.quantum.queue.Transition;
import dev.velocitytrinity.quantum.scheduler.Scheduler;
import dev.velocitytrinity.testing.redis.RedisIT;
import dev.velocitytrinity.testing.redis.RedisServerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@RedisIT
@Timeout(60)
class RedisQueueStoreIT {

  private static final QueuePolicy POLICY = QueuePolicy.speculative(4);

  @Test
  void apply_newQueue_storesStateJobsAndEvents(RedisServerInfo server) {
    QueueFixture f = new QueueFixture(server);
    try (RedisConnection connection = f.connect()) {
      RedisQueueStore store = f.store(connection);

      f.enqueue(store, POLICY, 1);
      f.enqueue(store, POLICY, 2);

      QueueState state = store.load(QUEUE).orElseThrow();
      assertThat(state.version()).isEqualTo(2);
      assertThat(state.runningBuilds()).hasSize(2);
      assertThat(store.queues()).containsExactly(QUEUE);
      assertThat(store.events("0", 100))
          .extracting(QueueEvent::type)
          .containsExactly("enqueued", "build-started", "enqueued", "build-started");
      RedisBuildJobs jobs = f.jobs(connection);
      assertThat(jobs.claim("w", Duration.ofMinutes(1), Duration.ZERO)).isPresent();
    }
  }

  @Test
  void apply_sameResultFromTwoProcessesAtOnce_mergesEachPrExactlyOnce(RedisServerInfo server)
      throws Exception {
    QueueFixture f = new QueueFixture(server);
    try (RedisConnection a = f.connect();
        RedisConnection b = f.connect()) {
      RedisQueueStore storeA = f.store(a);
      RedisQueueStore storeB = f.store(b);
      for (int pr = 1; pr <= 20; pr++) {
        f.enqueue(storeA, POLICY, pr);
      }
      List<Integer> mergedByA = new ArrayList<>();
      List<Integer> mergedByB = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        long head = storeA.load(QUEUE).orElseThrow().builds().get(0).id();
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Transition> fromA =
            CompletableFuture.supplyAsync(() -> finish(storeA, f, head, together));
        CompletableFuture<Transition> fromB =
            CompletableFuture.supplyAsync(() -> finish(storeB, f, head, together));
        mergedByA.addAll(merged(fromA.get()));
        mergedByB.addAll(merged(fromB.get()));
      }

      List<Integer> all = new ArrayList<>(mergedByA);
      all.addAll(mergedByB);
      assertThat(all)
          .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
      assertThat(storeA.mergedPrs(QUEUE))
          .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    }
  }

  @Test
  void mergedList_keepsOnlyTheLastHistoryLengthMerges(RedisServerInfo server) throws Exception {
    QueueFixture f = new QueueFixture(server);
    try (RedisConnection connection = f.connect()) {
      RedisQueueStore store = new RedisQueueStore(connection, f.keys, f.clock, 3);
      for (int pr = 1; pr <= 5; pr++) {
        f.enqueue(store, POLICY, pr);
      }
      for (int merged = 0; merged < 5; merged++) {
        long head = store.load(QUEUE).orElseThrow().builds().get(0).id();
        store.apply(QUEUE, POLICY, Optional.empty(), s -> f.planner.buildFinished(s, head, true));
      }

      assertThat(store.load(QUEUE).orElseThrow().entries()).isEmpty();
      assertThat(store.mergedPrs(QUEUE)).containsExactly(3, 4, 5);
    }
  }

  private static Transition finish(
      RedisQueueStore store, QueueFixture f, long build, CyclicBarrier together) {
    try {
      together.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return store.apply(
        QUEUE, POLICY, Optional.empty(), s -> f.planner.buildFinished(s, build, true));
  }

  private static List<Integer> merged(Transition t) {
    return t.actions().stream()
        .filter(a -> a instanceof Action.Merged)
        .map(a -> ((Action.Merged) a).entry().pr())
        .toList();
  }

  @Test
  void apply_fenceOfAReplacedLeader_isRefused(RedisServerInfo server) {
    QueueFixture f = new QueueFixture(server);
    try (RedisConnection connection = f.connect()) {
      RedisQueueStore store = f.store(connection);
      f.enqueue(store, POLICY, 1);
      RedisLeaderLease first = new RedisLeaderLease(connection, f.keys, "a", Duration.ofMinutes(1));
      RedisLeaderLease second =
          new RedisLeaderLease(connection, f.keys, "b", Duration.ofMinutes(1));
      Fence stale = first.acquireOrRenew().orElseThrow();
      assertThat(second.acquireOrRenew()).isEmpty();

      first.release(stale);
      Fence current = second.acquireOrRenew().orElseThrow();

      assertThat(current.token()).isGreaterThan(stale.token());
      long build = store.load(QUEUE).orElseThrow().builds().get(0).id();
      assertThatThrownBy(
              () ->
                  store.apply(
                      QUEUE,
                      POLICY,
                      Optional.of(stale),
                      s -> f.planner.buildFinished(s, build, true)))
          .isInstanceOf(StoreException.Fenced.class);
      assertThat(store.mergedPrs(QUEUE)).isEmpty();
      store.apply(
          QUEUE, POLICY, Optional.of(current), s -> f.planner.buildFinished(s, build, true));
      assertThat(store.mergedPrs(QUEUE)).containsExactly(1);
    }
  }

  @Test
  void schedulers_twoAgainstOneRedisWithLeaderKilledMidQueue_exactlyOneMergesEachPr(
      RedisServerInfo server) throws Exception {
    QueueFixture f = new QueueFixture(server);
    Set<Integer> bad = Set.of(7, 13, 24);
    try (RedisConnection a = f.connect();
        RedisConnection b = f.connect();
        RedisConnection w = f.connect();
        Loops loops = new Loops()) {
      RedisQueueStore store = f.store(a);
      Map<String, AtomicInteger> applied =
          Map.of("one", new AtomicInteger(), "two", new AtomicInteger());
      Map<String, Thread> threads = new HashMap<>();
      for (var named : Map.of("one", a, "two", b).entrySet()) {
        Scheduler scheduler =
            f.scheduler(named.getValue(), named.getKey(), POLICY, Duration.ofMillis(500));
        AtomicInteger count = applied.get(named.getKey());
        threads.put(
            named.getKey(),
            loops.start(
                "scheduler-" + named.getKey(),
                () -> scheduler.runOnce(Duration.ofMillis(50)).ifPresent(count::addAndGet)));
      }
      for (int i = 0; i < 3; i++) {
        var worker = f.instantWorker(w, "worker-" + i, bad);
        loops.start("worker-" + i, () -> worker.runOnce(Duration.ofMillis(50)));
      }
      for (int pr = 1; pr <= 20; pr++) {
        f.enqueue(store, POLICY, pr);
      }
      Loops.await(Duration.ofSeconds(20), "some merges", () -> store.mergedPrs(QUEUE).size() >= 8);

      // Kill whichever leads, without a step-down: the other must take over once the lease lapses,
      // pick up the results the dead one had read but not applied, and finish what comes later.
      String holder = a.client().get(f.keys.leader());
      String leader = holder != null && holder.startsWith("two:") ? "two" : "one";
      String follower = leader.equals("one") ? "two" : "one";
      Loops.stop(threads.get(leader));
      int byLeader = applied.get(leader).get();
      int byFollower = applied.get(follower).get();
      // Work that arrives after the kill can only be finished by the survivor.
      for (int pr = 21; pr <= 40; pr++) {
        f.enqueue(store, POLICY, pr);
      }

      Loops.await(
          Duration.ofSeconds(40),
          "the queue to drain",
          () -> store.load(QUEUE).orElseThrow().entries().isEmpty());

      List<Integer> expected =
          IntStream.rangeClosed(1, 40).filter(pr -> !bad.contains(pr)).boxed().toList();
      assertThat(store.mergedPrs(QUEUE)).containsExactlyElementsOf(expected);
      assertThat(store.events("0", 10_000))
          .filteredOn(e -> e.type().equals("merged"))
          .extracting(QueueEvent::pr)
          .containsExactlyElementsOf(expected);
      assertThat(store.events("0", 10_000))
          .filteredOn(e -> e.type().equals("ejected"))
          .extracting(QueueEvent::pr)
          .containsExactlyInAnyOrderElementsOf(bad);
      assertThat(applied.get(leader).get()).isEqualTo(byLeader);
      assertThat(applied.get(follower).get())
          .as("the follower took over")
          .isGreaterThan(byFollower);
    }
  }
}
