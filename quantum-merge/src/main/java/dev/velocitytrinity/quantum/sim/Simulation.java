package dev.velocitytrinity.quantum.sim;

import dev.velocitytrinity.quantum.executor.Sleeper;
import dev.velocitytrinity.quantum.queue.Planner;
import dev.velocitytrinity.quantum.queue.QueueKey;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.queue.Strategy;
import dev.velocitytrinity.quantum.scheduler.Scheduler;
import dev.velocitytrinity.quantum.store.BuildJob;
import dev.velocitytrinity.quantum.store.QueueEvent;
import dev.velocitytrinity.quantum.store.RedisBuildJobs;
import dev.velocitytrinity.quantum.store.RedisConnection;
import dev.velocitytrinity.quantum.store.RedisKeys;
import dev.velocitytrinity.quantum.store.RedisLeaderLease;
import dev.velocitytrinity.quantum.store.RedisQueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A discrete-event simulation of one queue: PRs arrive, the real {@link Planner} plans through the
 * real {@link RedisQueueStore}, build jobs travel over the real streams to simulated executors, and
 * the real {@link Scheduler} applies their results. Only time is virtual: the clock jumps from one
 * event to the next, so a thousand PRs take seconds (or, in real time, it waits in between).
 */
public final class Simulation {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final QueueKey QUEUE = new QueueKey("sim/repo", "main");
  private static final String EXECUTOR = "sim-executors";
  private static final int EVENT_BATCH = 500;

  private final RedisConnection connection;
  private final Sleeper sleeper;

  /**
   * @param sleeper waits between events in real-time mode; unused otherwise
   */
  public Simulation(RedisConnection connection, Sleeper sleeper) {
    this.connection = connection;
    this.sleeper = sleeper;
  }

  /** Runs one simulation and cleans its keys up afterwards. */
  public SimulationReport run(SimulationParams params, boolean realTime, boolean keepTimeline)
      throws InterruptedException {
    RedisKeys keys = new RedisKeys("qm-sim-" + UUID.randomUUID().toString().substring(0, 8) + ":");
    VirtualClock clock = new VirtualClock(START);
    RedisQueueStore store = new RedisQueueStore(connection, keys, clock);
    try {
      return new Run(params, keys, clock, store, realTime, keepTimeline).execute();
    } finally {
      store.purge();
    }
  }

  private record Event(long at, long seq, boolean arrival, int pr, long buildId) {}

  private record Running(BuildJob job, long startedAt, boolean passes) {}

  private final class Run {
    final SimulationParams p;
    final VirtualClock clock;
    final RedisQueueStore store;
    final RedisBuildJobs jobs;
    final Planner planner;
    final QueuePolicy policy;
    final Scheduler scheduler;
    final boolean realTime;
    final boolean keepTimeline;
    final PriorityQueue<Event> events =
        new PriorityQueue<>(
            (a, b) ->
                a.at() != b.at() ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));
    final Map<Long, Running> running = new HashMap<>();
    final long[] arrivals;
    final boolean[] broken;
    final Map<Integer, Long> mergedAt = new HashMap<>();
    final Set<Long> usedBuilds = new HashSet<>();
    final Map<Long, List<Integer>> startedWith = new HashMap<>();
    final List<SimulationReport.TimelineLine> timeline = new ArrayList<>();
    long seq;
    long now;
    int free;
    int started;
    int ejected;
    long busyMillis;
    long transitions;
    String lastEvent = "0-0";

    Run(
        SimulationParams p,
        RedisKeys keys,
        VirtualClock clock,
        RedisQueueStore store,
        boolean realTime,
        boolean keepTimeline) {
      this.p = p;
      this.clock = clock;
      this.store = store;
      this.realTime = realTime;
      this.keepTimeline = keepTimeline;
      this.jobs = new RedisBuildJobs(connection, keys);
      this.planner = new Planner(clock);
      this.policy = p.policy();
      this.scheduler =
          new Scheduler(
              store,
              jobs,
              new RedisLeaderLease(connection, keys, "simulator", Duration.ofMinutes(10)),
              planner,
              policy,
              Duration.ofHours(1));
      this.free = p.executors();
      this.arrivals = new long[p.prs() + 1];
      this.broken = new boolean[p.prs() + 1];
      SplittableRandom random = new SplittableRandom(p.seed());
      double hours = 0;
      for (int pr = 1; pr <= p.prs(); pr++) {
        if (pr > 1 && p.arrivalPerHour() > 0) {
          hours += -Math.log(1 - random.nextDouble()) / p.arrivalPerHour();
        }
        arrivals[pr] = Math.round(hours * 3_600_000);
        broken[pr] = random.nextDouble() < p.pFail();
      }
    }

    SimulationReport execute() throws InterruptedException {
      long wallStart = System.nanoTime();
      long roundTripsStart = connection.roundTripsOnThisThread();
      jobs.ensureGroups();
      for (int pr = 1; pr <= p.prs(); pr++) {
        events.add(new Event(arrivals[pr], seq++, true, pr, 0));
      }
      while (!events.isEmpty()) {
        Event event = events.poll();
        if (realTime && event.at() > now) {
          sleeper.sleep(Duration.ofMillis(event.at() - now));
        }
        now = event.at();
        clock.set(START.plusMillis(now));
        if (event.arrival()) {
          int pr = event.pr();
          store.apply(QUEUE, policy, Optional.empty(), s -> planner.enqueue(s, pr, sha(pr), 0));
          transitions++;
        } else {
          finish(event.buildId());
        }
        readEvents();
        dispatch();
      }
      if (!store.load(QUEUE).orElseThrow().entries().isEmpty()) {
        throw new IllegalStateException("the simulated queue stalled with entries left");
      }
      return report(
          (System.nanoTime() - wallStart) / 1_000_000,
          connection.roundTripsOnThisThread() - roundTripsStart);
    }

    private void finish(long buildId) {
      Running run = running.remove(buildId);
      if (run == null) {
        return; // cancelled while running
      }
      free++;
      busyMillis += now - run.startedAt();
      jobs.complete(run.job(), run.passes(), EXECUTOR);
      int applied;
      do {
        applied = scheduler.runOnce(Duration.ZERO).orElse(0);
        transitions += applied;
      } while (applied == Scheduler.MAX_RESULTS_PER_ROUND);
    }

    private void dispatch() {
      while (free > 0) {
        Optional<BuildJob> claimed = jobs.claim(EXECUTOR, Duration.ofDays(365), Duration.ZERO);
        if (claimed.isEmpty()) {
          return;
        }
        BuildJob job = claimed.get();
        if (jobs.isCancelled(job)) {
          jobs.abandon(job);
          continue;
        }
        SplittableRandom random =
            new SplittableRandom(p.seed() ^ (job.buildId() * 0x9E3779B97F4A7C15L));
        double factor = 1 + p.buildSpread() * (2 * random.nextDouble() - 1);
        long took = Math.max(1, Math.round(p.buildMean().toMillis() * factor));
        boolean passes =
            job.entries().stream().noneMatch(e -> broken[e.pr()])
                && random.nextDouble() >= p.pFlaky();
        free--;
        running.put(job.buildId(), new Running(job, now, passes));
        events.add(new Event(now + took, seq++, false, 0, job.buildId()));
      }
    }

    private void readEvents() {
      List<QueueEvent> batch;
      do {
        batch = store.events(lastEvent, EVENT_BATCH);
        for (QueueEvent e : batch) {
          lastEvent = e.id();
          handle(e);
        }
      } while (batch.size() == EVENT_BATCH);
    }

    private void handle(QueueEvent e) {
      switch (e.type()) {
        case "enqueued" -> line("#" + e.pr() + " enqueued" + (broken[e.pr()] ? " (broken)" : ""));
        case "build-started" -> {
          started++;
          if (keepTimeline) {
            startedWith.put(e.build(), e.prs());
          }
          line("build " + e.build() + " started: main + " + prs(e.prs()));
        }
        case "build-finished" -> {
          if (p.strategy() == Strategy.BATCH && e.prs().size() > 1 && e.detail().equals("failed")) {
            usedBuilds.add(e.build()); // a failed batch drives the bisection
          }
          line(
              "build "
                  + e.build()
                  + " "
                  + e.detail()
                  + " (main + "
                  + prs(startedWith.getOrDefault(e.build(), e.prs()))
                  + ")");
        }
        case "build-cancelled" -> {
          Running run = running.remove(e.build());
          if (run != null) {
            free++;
            busyMillis += now - run.startedAt();
            jobs.abandon(run.job());
          }
          line("build " + e.build() + " cancelled");
        }
        case "merged" -> {
          mergedAt.put(e.pr(), now);
          usedBuilds.add(e.build());
          line("#" + e.pr() + " merged (tested by build " + e.build() + ")");
        }
        case "ejected" -> {
          ejected++;
          usedBuilds.add(e.build());
          line("#" + e.pr() + " ejected: " + e.detail());
        }
        case "retried" -> {
          usedBuilds.add(e.build());
          line("#" + e.pr() + " failed at the head; retrying once");
        }
        default -> line(e.type());
      }
    }

    private void line(String text) {
      if (keepTimeline) {
        timeline.add(new SimulationReport.TimelineLine(now, text));
      }
    }

    private SimulationReport report(long wallMillis, long roundTrips) {
      int merged = mergedAt.size();
      double[] ttm =
          mergedAt.entrySet().stream()
              .mapToDouble(en -> (en.getValue() - arrivals[en.getKey()]) / 60_000.0)
              .sorted()
              .toArray();
      double mean = Arrays.stream(ttm).average().orElse(0);
      double p95 = ttm.length == 0 ? 0 : ttm[Math.max(0, (int) Math.ceil(0.95 * ttm.length) - 1)];
      long lastMerge = mergedAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
      double spanHours = Math.max(lastMerge - arrivals[1], 1) / 3_600_000.0;
      return new SimulationReport(
          p.strategy(),
          p.strategy() == Strategy.SERIAL ? 1 : p.depth(),
          p.batchSize(),
          p.prs(),
          merged,
          ejected,
          merged / spanHours,
          AnalyticalModel.throughputPerHour(p),
          mean,
          p95,
          merged == 0 ? 0 : busyMillis / 60_000.0 / merged,
          AnalyticalModel.buildMinutesPerMerged(p),
          started,
          started - usedBuilds.size(),
          now / 3_600_000.0,
          transitions,
          roundTrips,
          wallMillis,
          timeline);
    }
  }

  private static String sha(int pr) {
    return String.format("%040x", (long) pr * 0x9E3779B97F4AL);
  }

  private static String prs(List<Integer> prs) {
    return prs.stream().map(pr -> "#" + pr).collect(Collectors.joining(" + "));
  }
}
