package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.quantum.config.QuantumConfig;
import dev.velocitytrinity.quantum.queue.QueuePolicy;

/** The queue policy new queues get, from config. */
final class Policies {

  private Policies() {}

  static QueuePolicy fromConfig(QuantumConfig config) {
    QuantumConfig.Queue q = config.queue();
    return new QueuePolicy(
        q.strategy(), q.speculationDepth(), q.batchSize(), q.retryOnce(), q.vouching());
  }
}
