package dev.velocitytrinity.quantum.cli;

/**
 * On Ctrl-C (or SIGTERM) interrupts the thread running a long-lived command and waits for it to
 * finish cleanly: leave the lease, close Redis, stop the embedded server.
 */
final class ShutdownHook implements AutoCloseable {

  private static final long GRACE_MILLIS = 10_000;

  private final Thread hook;
  private volatile boolean done;

  private ShutdownHook(Thread worker) {
    this.hook =
        new Thread(
            () -> {
              if (!done) {
                worker.interrupt();
                try {
                  worker.join(GRACE_MILLIS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "quantum-shutdown");
  }

  static ShutdownHook interruptOnExit() {
    ShutdownHook hook = new ShutdownHook(Thread.currentThread());
    Runtime.getRuntime().addShutdownHook(hook.hook);
    return hook;
  }

  @Override
  public void close() {
    done = true;
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook is running: it finds us done.
    }
  }
}
