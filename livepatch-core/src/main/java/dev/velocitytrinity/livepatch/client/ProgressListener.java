package dev.velocitytrinity.livepatch.client;

/** Told after each file is sent. */
public interface ProgressListener {

  ProgressListener NONE = (filesDone, filesTotal, bytesDone, bytesTotal) -> {};

  void progress(int filesDone, int filesTotal, long bytesDone, long bytesTotal);
}
