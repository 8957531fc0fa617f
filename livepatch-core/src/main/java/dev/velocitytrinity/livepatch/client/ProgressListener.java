package dev.velocitytrinity.livepatch.client;

/** Told after each file is sent, and when the change set is committed. */
public interface ProgressListener {

  ProgressListener NONE = (filesDone, filesTotal, bytesDone, bytesTotal) -> {};

  void progress(int filesDone, int filesTotal, long bytesDone, long bytesTotal);

  /** Told once, when the whole change set has been sent and the agent is asked to apply it. */
  default void committing() {}
}
