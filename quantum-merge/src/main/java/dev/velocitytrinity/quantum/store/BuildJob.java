package dev.velocitytrinity.quantum.store;

import dev.velocitytrinity.quantum.queue.Entry;
import dev.velocitytrinity.quantum.queue.QueueKey;
import java.util.List;

/**
 * A build taken from the jobs stream by a worker.
 *
 * @param streamId the job's id in the stream, which the worker acknowledges
 * @param entries the PRs to apply on the target branch, in order
 * @param deliveries how many times the job was handed out (more than 1 after a reclaim)
 */
public record BuildJob(
    String streamId, QueueKey queue, long buildId, List<Entry> entries, long deliveries) {

  public BuildJob {
    entries = List.copyOf(entries);
  }
}
