package dev.velocitytrinity.quantum.cli;

import dev.velocitytrinity.core.cli.ExitHook;

/**
 * On Ctrl-C (or SIGTERM) interrupts the thread running a long-lived command and waits for it to
 * finish cleanly: leave the lease, close Redis, stop the embedded server.
 */
final class ShutdownHook {

  private static final long GRACE_MILLIS = 10_000;

  private ShutdownHook() {}

  /** A hook for the calling thread; close it when the command ends on its own. */
  static ExitHook interruptOnExit() {
    Thread worker = Thread.currentThread();
    return ExitHook.install(
        "quantum-shutdown",
        () -> {
          worker.interrupt();
          try {
            worker.join(GRACE_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }
}
