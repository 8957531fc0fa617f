package dev.velocitytrinity.quantum.executor;

/**
 * Runs one build. Implementations call {@link Cancellation#cancelled()} now and then; when it
 * answers true they stop and return {@link BuildOutcome.Status#CANCELLED}.
 */
public interface BuildExecutor {

  BuildOutcome run(BuildRequest request, Cancellation cancellation) throws InterruptedException;

  /** Asked periodically during a build; also keeps the worker's claim on the job alive. */
  @FunctionalInterface
  interface Cancellation {
    boolean cancelled();

    static Cancellation never() {
      return () -> false;
    }
  }
}
