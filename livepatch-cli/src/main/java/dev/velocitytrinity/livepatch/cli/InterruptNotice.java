package dev.velocitytrinity.livepatch.cli;

import dev.velocitytrinity.core.cli.Invocation;
import dev.velocitytrinity.core.cli.StopHook;
import dev.velocitytrinity.livepatch.client.ProgressListener;
import java.io.PrintWriter;

/**
 * Tells someone who stops a sync (Ctrl-C, SIGTERM, also of a client whose sync the daemon serves)
 * what became of it: until the change set is complete the agent applies none of it; once asked to
 * commit, it applies the set whole or not at all. Passes progress on to the listener it wraps.
 */
final class InterruptNotice implements ProgressListener, AutoCloseable {

  private final ProgressListener progress;
  private final StopHook hook;
  private volatile boolean committing;

  private InterruptNotice(ProgressListener progress, PrintWriter err, Invocation invocation) {
    this.progress = progress;
    this.hook =
        invocation.onStop(
            "livepatch-interrupt-notice",
            () -> {
              err.println(message());
              err.flush();
            });
  }

  /** A notice printed to {@code err} if the run is stopped before {@link #close}. */
  static InterruptNotice install(
      ProgressListener progress, PrintWriter err, Invocation invocation) {
    return new InterruptNotice(progress, err, invocation);
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

  @Override
  public void close() {
    hook.close();
  }
}
