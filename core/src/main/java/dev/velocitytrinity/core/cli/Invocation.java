package dev.velocitytrinity.core.cli;

/**
 * How this run of a tool was started: whether a person watches it on a terminal, whether it runs in
 * a JVM of its own or inside a tool daemon for a client process, and how it learns that it is being
 * stopped.
 */
public interface Invocation {

  /** Whether the output goes to a terminal, so progress lines are worth drawing. */
  boolean terminal();

  /** Whether this run is served by a long-running daemon on behalf of a client process. */
  boolean inDaemon();

  /** Registers {@code onStop} to run if this run is stopped before the returned hook is closed. */
  StopHook onStop(String name, Runnable onStop);

  /** A run in a JVM of its own: it is stopped when that JVM is (a shutdown hook). */
  static Invocation ownProcess(boolean terminal) {
    return new Invocation() {
      @Override
      public boolean terminal() {
        return terminal;
      }

      @Override
      public boolean inDaemon() {
        return false;
      }

      @Override
      public StopHook onStop(String name, Runnable onStop) {
        return ExitHook.install(name, onStop);
      }
    };
  }
}
