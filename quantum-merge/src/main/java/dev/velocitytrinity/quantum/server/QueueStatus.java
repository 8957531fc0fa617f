package dev.velocitytrinity.quantum.server;

import dev.velocitytrinity.quantum.queue.Build;
import dev.velocitytrinity.quantum.queue.Entry;
import dev.velocitytrinity.quantum.queue.QueueState;
import java.util.List;

/** The API's view of a queue: what clients print. */
public record QueueStatus(
    String queue,
    String strategy,
    int depth,
    boolean paused,
    long version,
    List<EntryView> entries,
    List<BuildView> builds) {

  public QueueStatus {
    entries = List.copyOf(entries);
    builds = List.copyOf(builds);
  }

  /** One waiting or building entry. */
  public record EntryView(int pr, String sha, int priority, String enqueuedAt, int failures) {}

  /** One build the queue still tracks. */
  public record BuildView(long id, List<Integer> prs, String status, String startedAt) {}

  public static QueueStatus of(QueueState state) {
    return new QueueStatus(
        state.key().toString(),
        state.policy().strategy().name().toLowerCase(java.util.Locale.ROOT),
        state.policy().depth(),
        state.paused(),
        state.version(),
        state.entries().stream().map(QueueStatus::entry).toList(),
        state.builds().stream().map(QueueStatus::build).toList());
  }

  private static EntryView entry(Entry e) {
    return new EntryView(
        e.pr(), e.headSha(), e.priority(), e.enqueuedAt().toString(), e.failures());
  }

  private static BuildView build(Build b) {
    return new BuildView(
        b.id(),
        b.prs(),
        b.status().name().toLowerCase(java.util.Locale.ROOT),
        b.startedAt().toString());
  }
}
