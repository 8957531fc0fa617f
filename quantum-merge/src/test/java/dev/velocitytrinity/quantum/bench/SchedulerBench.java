package dev.velocitytrinity.quantum.bench;

import dev.velocitytrinity.quantum.queue.Planner;
import dev.velocitytrinity.quantum.queue.QueueKey;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.queue.QueueState;
import dev.velocitytrinity.quantum.queue.Transition;
import dev.velocitytrinity.quantum.store.RedisConnection;
import dev.velocitytrinity.quantum.store.RedisConnector;
import dev.velocitytrinity.quantum.store.RedisKeys;
import dev.velocitytrinity.quantum.store.RedisQueueStore;
import dev.velocitytrinity.quantum.store.RedisSettings;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Scheduler decision latency and Redis round trips per transition. Run by bench/quantum/run.sh; not
 * a test. Each measured step is one "head build passed" decision on a speculative queue of depth 8
 * with 50 waiting entries: merge, promote, start the next build.
 */
public final class SchedulerBench {

  private static final QueueKey QUEUE = new QueueKey("bench/repo", "main");
  private static final int ENTRIES = 50;

  private SchedulerBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    String url = System.getenv().getOrDefault("REDIS_URL", "");
    Planner planner = new Planner(Clock.systemUTC());
    QueuePolicy policy = QueuePolicy.speculative(8);

    // 1. The pure planner: no I/O.
    QueueState state = fill(planner, QueueState.empty(QUEUE, policy), 1, ENTRIES);
    long[] pure = new long[rounds];
    int nextPr = ENTRIES + 1;
    for (int i = -rounds; i < rounds; i++) { // first half warms up
      long head = state.builds().get(0).id();
      long t0 = System.nanoTime();
      Transition t = planner.buildFinished(state, head, true);
      long took = System.nanoTime() - t0;
      state = planner.enqueue(t.state(), nextPr, "abc" + nextPr, 0).state();
      nextPr++;
      if (i >= 0) {
        pure[i] = took;
      }
    }
    report("planner decision (in memory)", pure, Double.NaN);

    // 2. The same decision as an atomic Redis transition.
    try (RedisConnection connection = RedisConnector.connect(RedisSettings.of(url, null))) {
      RedisQueueStore store =
          new RedisQueueStore(connection, new RedisKeys("qm-bench:"), Clock.systemUTC());
      store.purge();
      for (int pr = 1; pr <= ENTRIES; pr++) {
        int p = pr;
        store.apply(QUEUE, policy, Optional.empty(), s -> planner.enqueue(s, p, "abc" + p, 0));
      }
      int storeRounds = Math.min(rounds, 5_000);
      long[] stored = new long[storeRounds];
      long trips = 0;
      nextPr = ENTRIES + 1;
      for (int i = -storeRounds; i < storeRounds; i++) {
        long head = store.load(QUEUE).orElseThrow().builds().get(0).id();
        long before = connection.roundTrips();
        long t0 = System.nanoTime();
        store.apply(QUEUE, policy, Optional.empty(), s -> planner.buildFinished(s, head, true));
        long took = System.nanoTime() - t0;
        long after = connection.roundTrips();
        int p = nextPr++;
        store.apply(QUEUE, policy, Optional.empty(), s -> planner.enqueue(s, p, "abc" + p, 0));
        if (i >= 0) {
          stored[i] = took;
          trips += after - before;
        }
      }
      report(
          "store transition (Redis, " + connection.display() + ")",
          stored,
          trips / (double) storeRounds);
      store.purge();
    }
  }

  private static QueueState fill(Planner planner, QueueState state, int from, int to) {
    for (int pr = from; pr <= to; pr++) {
      state = planner.enqueue(state, pr, "abc" + pr, 0).state();
    }
    return state;
  }

  private static void report(String what, long[] nanos, double roundTrips) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%-48s n=%d  p50=%.1f us  p99=%.1f us  mean=%.1f us%s%n",
        what,
        sorted.length,
        sorted[sorted.length / 2] / 1000.0,
        sorted[(int) (sorted.length * 0.99)] / 1000.0,
        Arrays.stream(sorted).average().orElse(0) / 1000.0,
        Double.isNaN(roundTrips)
            ? ""
            : String.format(Locale.ROOT, "  round trips/transition=%.2f", roundTrips));
  }
}
