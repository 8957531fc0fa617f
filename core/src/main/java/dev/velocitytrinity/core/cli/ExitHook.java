package dev.velocitytrinity.core.cli;

/**
 * Runs an action if the JVM stops (Ctrl-C, SIGTERM) while a command is still at work; closing the
 * hook, when the work ends, cancels it.
 */
public final class ExitHook implements StopHook {

  private final Thread thread;
  private volatile boolean closed;

  private ExitHook(String name, Runnable onExit) {
    this.thread =
        new Thread(
            () -> {
              if (!closed) {
                onExit.run();
              }
            },
            name);
  }

  public static ExitHook install(String name, Runnable onExit) {
    ExitHook hook = new ExitHook(name, onExit);
    Runtime.getRuntime().addShutdownHook(hook.thread);
    return hook;
  }

  @Override
  public void close() {
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException e) {
      // The JVM is already stopping and the hook runs: it finds itself closed.
    }
  }
}
