package dev.velocitytrinity.quantum.executor;

import dev.velocitytrinity.quantum.queue.Entry;
import dev.velocitytrinity.quantum.queue.QueueKey;
import java.util.List;
import java.util.Objects;

/** What to build: the queue's target branch with {@code entries} applied in order. */
public record BuildRequest(QueueKey queue, long buildId, List<Entry> entries) {

  public BuildRequest {
    Objects.requireNonNull(queue, "queue");
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a build needs at least one entry");
    }
  }

  /** The last entry: the one this build decides about. */
  public Entry head() {
    return entries.get(entries.size() - 1);
  }
}
