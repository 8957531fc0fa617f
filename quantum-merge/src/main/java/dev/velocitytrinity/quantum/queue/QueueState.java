package dev.velocitytrinity.quantum.queue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the planner knows about one queue. Immutable; the planner returns a new state with a
 * higher {@code version} for every change, which is what the store compares before it writes.
 *
 * @param entries waiting and building entries, head first
 * @param builds builds whose result still matters (running, or finished but not yet acted on)
 * @param batchWindow batch strategy: how many entries at the head contain a known culprit (0 when
 *     not bisecting)
 * @param batchLimit batch strategy: the largest batch to try next while bisecting
 */
public record QueueState(
    QueueKey key,
    QueuePolicy policy,
    long version,
    boolean paused,
    List<Entry> entries,
    List<Build> builds,
    long nextBuildId,
    int batchWindow,
    int batchLimit) {

  public QueueState {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(policy, "policy");
    entries = List.copyOf(entries);
    builds = List.copyOf(builds);
    if (nextBuildId < 1) {
      throw new IllegalArgumentException("nextBuildId must be positive");
    }
  }

  /** An empty, running queue. */
  public static QueueState empty(QueueKey key, QueuePolicy policy) {
    return new QueueState(key, policy, 0, false, List.of(), List.of(), 1, 0, policy.batchSize());
  }

  public Optional<Entry> entry(int pr) {
    return entries.stream().filter(e -> e.pr() == pr).findFirst();
  }

  public Optional<Build> build(long id) {
    return builds.stream().filter(b -> b.id() == id).findFirst();
  }

  public List<Build> runningBuilds() {
    return builds.stream().filter(b -> b.status() == BuildStatus.RUNNING).toList();
  }

  public QueueState withPolicy(QueuePolicy value) {
    return new QueueState(
        key, value, version, paused, entries, builds, nextBuildId, 0, value.batchSize());
  }

  QueueState withVersion(long value) {
    return new QueueState(
        key, policy, value, paused, entries, builds, nextBuildId, batchWindow, batchLimit);
  }

  QueueState withPaused(boolean value) {
    return new QueueState(
        key, policy, version, value, entries, builds, nextBuildId, batchWindow, batchLimit);
  }

  QueueState withEntries(List<Entry> value) {
    return new QueueState(
        key, policy, version, paused, value, builds, nextBuildId, batchWindow, batchLimit);
  }

  QueueState withBuilds(List<Build> value) {
    return new QueueState(
        key, policy, version, paused, entries, value, nextBuildId, batchWindow, batchLimit);
  }

  QueueState withNextBuildId(long value) {
    return new QueueState(
        key, policy, version, paused, entries, builds, value, batchWindow, batchLimit);
  }

  QueueState withBatch(int window, int limit) {
    return new QueueState(
        key, policy, version, paused, entries, builds, nextBuildId, window, limit);
  }
}
