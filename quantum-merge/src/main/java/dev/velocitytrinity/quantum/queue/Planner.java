package dev.velocitytrinity.quantum.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The merge-queue planner: a pure function from (state, event) to (next state, actions). No I/O;
 * time comes from the injected clock. The store makes each call atomic against Redis.
 *
 * <p>Every step ends by settling the queue: the planner derives the builds it wants from the
 * entries (the "desired chain"), merges or ejects at the head while results allow, cancels builds
 * nobody wants any more and starts the missing ones. Because the desired chain is derived from the
 * state rather than patched event by event, every transition (failure mid-chain, dequeue of a
 * running entry, a priority entry, a restart) goes through the same reconciliation.
 */
public final class Planner {

  private final Clock clock;

  public Planner(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Adds a PR. It goes behind every entry already being built (so no running work is lost) and
   * ahead of waiting entries with a lower priority.
   */
  public Transition enqueue(QueueState state, int pr, String headSha, int priority) {
    if (state.entry(pr).isPresent()) {
      throw new QueueRejectedException(
          QueueRejectedException.Reason.ALREADY_QUEUED,
          "PR #" + pr + " is already in " + state.key());
    }
    Entry entry = Entry.of(pr, headSha, priority, clock.instant());
    List<Entry> entries = new ArrayList<>(state.entries());
    int locked = lockedPrefix(state);
    int at = entries.size();
    for (int i = locked; i < entries.size(); i++) {
      if (entries.get(i).priority() < priority) {
        at = i;
        break;
      }
    }
    entries.add(at, entry);
    List<Action> actions = new ArrayList<>();
    actions.add(new Action.Enqueued(entry));
    return settle(state.withEntries(entries), actions);
  }

  /** Removes a PR, cancelling every build that contains it; builds behind restart without it. */
  public Transition dequeue(QueueState state, int pr) {
    if (state.entry(pr).isEmpty()) {
      throw new QueueRejectedException(
          QueueRejectedException.Reason.NOT_QUEUED, "PR #" + pr + " is not in " + state.key());
    }
    List<Entry> entries = state.entries().stream().filter(e -> e.pr() != pr).toList();
    List<Action> actions = new ArrayList<>();
    actions.add(new Action.Dequeued(pr));
    return settle(state.withEntries(entries), actions);
  }

  /**
   * Records a build's result. Results of builds the queue no longer has (cancelled, or already
   * reported by another worker) change nothing, which makes reporting idempotent.
   */
  public Transition buildFinished(QueueState state, long buildId, boolean passed) {
    Optional<Build> found = state.build(buildId);
    if (found.isEmpty() || found.get().status() != BuildStatus.RUNNING) {
      return new Transition(state, List.of());
    }
    Build build = found.get();
    List<Build> builds = new ArrayList<>(state.builds());
    builds.set(
        builds.indexOf(build), build.withStatus(passed ? BuildStatus.PASSED : BuildStatus.FAILED));
    List<Action> actions = new ArrayList<>();
    actions.add(new Action.BuildFinished(buildId, build.prs(), passed));
    return settle(state.withBuilds(builds), actions);
  }

  /** Stops starting builds and merging; running builds go on and their results are kept. */
  public Transition pause(QueueState state) {
    if (state.paused()) {
      return new Transition(state, List.of());
    }
    List<Action> actions = new ArrayList<>();
    actions.add(new Action.Paused());
    return settle(state.withPaused(true), actions);
  }

  public Transition resume(QueueState state) {
    if (!state.paused()) {
      return new Transition(state, List.of());
    }
    List<Action> actions = new ArrayList<>();
    actions.add(new Action.Resumed());
    return settle(state.withPaused(false), actions);
  }

  /** Re-plans without an event: a no-op on a settled state. */
  public Transition settle(QueueState state) {
    return settle(state, new ArrayList<>());
  }

  private Transition settle(QueueState start, List<Action> actions) {
    QueueState state = start;
    if (!state.paused()) {
      Optional<QueueState> next;
      while ((next = decideHead(state, actions)).isPresent()) {
        state = next.get();
      }
    }
    state = reconcile(state, actions);
    if (actions.isEmpty()) {
      return new Transition(start, List.of());
    }
    return new Transition(state.withVersion(start.version() + 1), actions);
  }

  /** How many entries at the head are covered by some build; new entries never go ahead of them. */
  private static int lockedPrefix(QueueState state) {
    int locked = 0;
    for (Build build : state.builds()) {
      for (int pr : build.prs()) {
        for (int i = 0; i < state.entries().size(); i++) {
          if (state.entries().get(i).pr() == pr) {
            locked = Math.max(locked, i + 1);
          }
        }
      }
    }
    return locked;
  }

  /** The builds the queue wants now, as PR lists, head first. */
  static List<List<Integer>> desiredChain(QueueState state) {
    List<Entry> entries = state.entries();
    List<List<Integer>> desired = new ArrayList<>();
    if (entries.isEmpty()) {
      return desired;
    }
    if (state.policy().strategy() == Strategy.BATCH) {
      for (Build build : state.builds()) {
        if (isContiguousPrefix(build.prs(), entries)) {
          desired.add(build.prs());
          return desired;
        }
      }
      int size =
          state.batchWindow() > 0
              ? Math.min(state.batchLimit(), state.batchWindow())
              : state.policy().batchSize();
      desired.add(
          entries.subList(0, Math.min(size, entries.size())).stream().map(Entry::pr).toList());
      return desired;
    }
    List<Integer> base = new ArrayList<>();
    int window = Math.min(state.policy().depth(), entries.size());
    for (int i = 0; i < window; i++) {
      List<Integer> prs = new ArrayList<>(base);
      prs.add(entries.get(i).pr());
      desired.add(List.copyOf(prs));
      boolean suspect =
          entries.get(i).failures() > 0
              || findBuild(state.builds(), prs)
                  .map(b -> b.status() == BuildStatus.FAILED)
                  .orElse(false);
      // A failed build marks its entry as the suspect: builds behind go on without it until the
      // entries ahead resolve, then it is ejected (or retried) at the head. An entry being retried
      // stays out too: most failures are genuine, so builds behind neither include nor wait on it.
      // With vouching, a failed head stays in the chain: a longer build may still vouch for it.
      if (!suspect || (i == 0 && state.policy().vouching())) {
        base = prs;
      }
    }
    return desired;
  }

  private Optional<QueueState> decideHead(QueueState state, List<Action> actions) {
    List<Entry> entries = state.entries();
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    List<List<Integer>> desired = desiredChain(state);
    List<Integer> headPrs = desired.get(0);
    Optional<Build> head = findBuild(state.builds(), headPrs);
    if (head.isPresent() && head.get().status() == BuildStatus.PASSED) {
      return Optional.of(merge(state, head.get(), headPrs.size(), actions));
    }
    if (state.policy().vouching()) {
      Optional<Build> voucher =
          state.builds().stream()
              .filter(b -> b.status() == BuildStatus.PASSED)
              .filter(b -> isContiguousPrefix(b.prs(), entries))
              .max((a, b) -> Integer.compare(a.prs().size(), b.prs().size()));
      if (voucher.isPresent()) {
        return Optional.of(merge(state, voucher.get(), voucher.get().prs().size(), actions));
      }
    }
    if (head.isPresent() && head.get().status() == BuildStatus.FAILED) {
      if (state.policy().vouching()
          && state.builds().stream()
              .anyMatch(
                  b ->
                      b.status() == BuildStatus.RUNNING
                          && b.prs().size() > 1
                          && isContiguousPrefix(b.prs(), entries))) {
        return Optional.empty();
      }
      return Optional.of(headFailed(state, head.get(), actions));
    }
    return Optional.empty();
  }

  private QueueState merge(QueueState state, Build build, int count, List<Action> actions) {
    List<Entry> merged = state.entries().subList(0, count);
    List<Integer> mergedPrs = merged.stream().map(Entry::pr).toList();
    for (Entry entry : merged) {
      actions.add(new Action.Merged(entry, build.id()));
    }
    List<Build> builds = new ArrayList<>();
    for (Build b : state.builds()) {
      if (b.id() == build.id()) {
        continue;
      }
      if (b.prs().size() > count && b.prs().subList(0, count).equals(mergedPrs)) {
        // The merged entries are on the branch now: the build still tests the same tree.
        builds.add(b.withPrs(b.prs().subList(count, b.prs().size())));
      } else {
        if (b.status() == BuildStatus.RUNNING) {
          actions.add(new Action.CancelBuild(b.id(), b.prs()));
        }
      }
    }
    QueueState next =
        state
            .withEntries(state.entries().subList(count, state.entries().size()))
            .withBuilds(builds);
    if (state.policy().strategy() == Strategy.BATCH && state.batchWindow() > 0) {
      int window = Math.max(0, state.batchWindow() - count);
      next = next.withBatch(window, window == 0 ? state.policy().batchSize() : state.batchLimit());
    }
    return next;
  }

  private QueueState headFailed(QueueState state, Build build, List<Action> actions) {
    List<Build> builds = new ArrayList<>(state.builds());
    builds.remove(build);
    if (build.prs().size() > 1) {
      // A failed batch: the culprit is among these entries; try the first half next.
      int size = build.prs().size();
      return state.withBuilds(builds).withBatch(size, (size + 1) / 2);
    }
    Entry head = state.entries().get(0);
    List<Entry> entries = new ArrayList<>(state.entries());
    if (state.policy().retryOnce() && head.failures() == 0) {
      entries.set(0, head.withFailures(1));
      actions.add(new Action.Retried(head.pr(), build.id()));
      return state.withEntries(entries).withBuilds(builds);
    }
    entries.remove(0);
    String reason =
        head.failures() > 0 ? "build failed again after a retry" : "build failed at the head";
    actions.add(new Action.Ejected(head, build.id(), reason));
    QueueState next = state.withEntries(entries).withBuilds(builds);
    return state.policy().strategy() == Strategy.BATCH
        ? next.withBatch(0, state.policy().batchSize())
        : next;
  }

  private QueueState reconcile(QueueState state, List<Action> actions) {
    List<List<Integer>> desired = desiredChain(state);
    List<Build> builds = new ArrayList<>();
    for (Build build : state.builds()) {
      if (desired.contains(build.prs())) {
        builds.add(build);
      } else if (build.status() == BuildStatus.RUNNING) {
        actions.add(new Action.CancelBuild(build.id(), build.prs()));
      }
    }
    long nextId = state.nextBuildId();
    if (!state.paused()) {
      for (List<Integer> prs : desired) {
        if (findBuild(builds, prs).isEmpty()) {
          Build build = new Build(nextId++, prs, BuildStatus.RUNNING, clock.instant());
          builds.add(build);
          List<Entry> entries = prs.stream().map(pr -> state.entry(pr).orElseThrow()).toList();
          actions.add(new Action.StartBuild(build.id(), entries));
        }
      }
    }
    return state.withBuilds(builds).withNextBuildId(nextId);
  }

  private static Optional<Build> findBuild(List<Build> builds, List<Integer> prs) {
    return builds.stream().filter(b -> b.prs().equals(prs)).findFirst();
  }

  private static boolean isContiguousPrefix(List<Integer> prs, List<Entry> entries) {
    if (prs.size() > entries.size()) {
      return false;
    }
    for (int i = 0; i < prs.size(); i++) {
      if (entries.get(i).pr() != prs.get(i)) {
        return false;
      }
    }
    return true;
  }
}
