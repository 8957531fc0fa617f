package dev.velocitytrinity.quantum.store;

import dev.velocitytrinity.quantum.queue.QueueKey;

/** A build result read from the results stream by a scheduler. */
public record BuildResult(
    String streamId, QueueKey queue, long buildId, boolean passed, String worker) {}
