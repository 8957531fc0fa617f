package dev.velocitytrinity.depci.analysis;

/**
 * Told how parsing advances; called from parse worker threads, so implementations are thread-safe.
 */
public interface ProgressListener {

  ProgressListener NONE = new ProgressListener() {};

  default void started(int totalFiles) {}

  /** One more file is done; {@code done} counts all done so far. */
  default void advanced(int done, int totalFiles) {}

  default void finished() {}
}
