package dev.velocitytrinity.quantum.server;

import dev.velocitytrinity.quantum.queue.Planner;
import dev.velocitytrinity.quantum.queue.QueueKey;
import dev.velocitytrinity.quantum.queue.QueuePolicy;
import dev.velocitytrinity.quantum.queue.QueueState;
import dev.velocitytrinity.quantum.queue.Transition;
import dev.velocitytrinity.quantum.store.QueueEvent;
import dev.velocitytrinity.quantum.store.RedisQueueStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The requests the API serves, as atomic store transitions. Unfenced: any API process may take
 * requests, and the store's compare-and-set keeps concurrent requests consistent.
 */
public final class QueueService {

  private final RedisQueueStore store;
  private final Planner planner;
  private final QueuePolicy defaultPolicy;

  public QueueService(RedisQueueStore store, Planner planner, QueuePolicy defaultPolicy) {
    this.store = store;
    this.planner = planner;
    this.defaultPolicy = defaultPolicy;
  }

  public Transition enqueue(QueueKey queue, int pr, String sha, int priority) {
    return store.apply(
        queue, defaultPolicy, Optional.empty(), s -> planner.enqueue(s, pr, sha, priority));
  }

  public Transition dequeue(QueueKey queue, int pr) {
    return store.apply(queue, defaultPolicy, Optional.empty(), s -> planner.dequeue(s, pr));
  }

  public Transition pause(QueueKey queue, boolean paused) {
    return store.apply(
        queue, defaultPolicy, Optional.empty(), s -> paused ? planner.pause(s) : planner.resume(s));
  }

  public Optional<QueueState> status(QueueKey queue) {
    return store.load(queue);
  }

  /** Events after {@code afterId} ({@code "$"}: from now on), waiting up to {@code waitMillis}. */
  public List<QueueEvent> events(String afterId, int waitMillis) {
    return store.followEvents(afterId, waitMillis);
  }

  /** The newest event's id ({@code "0-0"} when none): where "from now on" starts. */
  public String lastEventId() {
    return store.lastEventId();
  }

  public Set<QueueKey> queues() {
    return store.queues();
  }
}
