package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.livepatch.client.ProgressListener;
import java.io.PrintWriter;

/**
 * Tells someone who stops a sync (Ctrl-C, SIGTERM) what became of it: until the change set is
 * complete the agent applies none of it; once asked to commit, it applies the set whole or not at
 * all. Passes progress on to the listener it wraps.
 */
final class InterruptNotice implements ProgressListener, AutoCloseable {

  private final ProgressListener progress;
  private final PrintWriter err;
  private final Thread hook;
  private volatile boolean committing;
  private volatile boolean closed;

  private InterruptNotice(ProgressListener progress, PrintWriter err) {
    this.progress = progress;
    this.err = err;
    this.hook = new Thread(this::onExit, "livepatch-interrupt-notice");
  }

  /** A notice printed to {@code err} if the JVM stops before {@link #close}. */
  static InterruptNotice install(ProgressListener progress, PrintWriter err) {
    InterruptNotice notice = new InterruptNotice(progress, err);
    Runtime.getRuntime().addShutdownHook(notice.hook);
    return notice;
  }

  String message() {
    return committing
        ? "livepatch: interrupted while the agent applied the change set; it applies a set whole"
            + " or not at all, and the next sync shows which"
        : "livepatch: interrupted before the change set was complete; the agent applied none of it";
  }

  @Override
  public void progress(int filesDone, int filesTotal, long bytesDone, long bytesTotal) {
    progress.progress(filesDone, filesTotal, bytesDone, bytesTotal);
  }

  @Override
  public void committing() {
    committing = true;
    progress.committing();
  }

  private void onExit() {
    if (!closed) {
      err.println(message());
      err.flush();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already stopping and the hook runs: it finds the notice closed.
    }
  }
}
