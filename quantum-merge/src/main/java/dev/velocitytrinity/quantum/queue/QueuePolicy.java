package dev.velocitytrinity.quantum.queue;

import java.util.Objects;

/**
 * How one queue plans builds.
 *
 * @param strategy serial, speculative or batch
 * @param depth how many entries at the head of the queue may have builds at once (speculative);
 *     serial always uses 1
 * @param batchSize how many entries one batch build tests (batch)
 * @param retryOnce whether an entry whose build failed at the head of the queue is built once more
 *     before it is ejected, in case the failure was flaky
 * @param vouching whether a passing build merges every entry it contains even when a shorter build
 *     ahead of it is still running or failed; see docs/quantum-merge.md for why that is sound
 */
public record QueuePolicy(
    Strategy strategy, int depth, int batchSize, boolean retryOnce, boolean vouching) {

  public QueuePolicy {
    Objects.requireNonNull(strategy, "strategy");
    if (depth < 1 || depth > 64) {
      throw new IllegalArgumentException("depth must be between 1 and 64: " + depth);
    }
    if (batchSize < 1 || batchSize > 64) {
      throw new IllegalArgumentException("batch size must be between 1 and 64: " + batchSize);
    }
    if (strategy == Strategy.SERIAL) {
      depth = 1;
    }
  }

  public static QueuePolicy serial() {
    return new QueuePolicy(Strategy.SERIAL, 1, 1, true, false);
  }

  public static QueuePolicy speculative(int depth) {
    return new QueuePolicy(Strategy.SPECULATIVE, depth, 1, true, false);
  }

  public static QueuePolicy batch(int batchSize) {
    return new QueuePolicy(Strategy.BATCH, 1, batchSize, true, false);
  }

  public QueuePolicy withRetryOnce(boolean value) {
    return new QueuePolicy(strategy, depth, batchSize, value, vouching);
  }

  public QueuePolicy withVouching(boolean value) {
    return new QueuePolicy(strategy, depth, batchSize, retryOnce, value);
  }
}
