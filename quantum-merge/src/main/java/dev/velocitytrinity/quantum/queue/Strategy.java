package dev.velocitytrinity.quantum.queue;

/** How a queue turns waiting entries into builds. */
public enum Strategy {
  /** One build at a time, each testing main plus the head entry: the baseline. */
  SERIAL,
  /** Up to {@code depth} builds, build i testing main plus entries 1..i (a Zuul-style chain). */
  SPECULATIVE,
  /** Bors-style: up to {@code batchSize} entries in one build, bisected on failure. */
  BATCH
}
