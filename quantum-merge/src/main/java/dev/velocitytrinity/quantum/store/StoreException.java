package dev.velocitytrinity.quantum.store;

/**
 * Something went wrong talking to the store. Subclasses say what the caller should do: {@link
 * Unavailable} reconnect and retry later, {@link Fenced} stop acting as leader, {@link Contended}
 * retry the request.
 */
public class StoreException extends RuntimeException {

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Redis cannot be reached or answered with an error; retrying later may work. */
  public static final class Unavailable extends StoreException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** This scheduler's lease was taken over: its writes are refused, it must stop leading. */
  public static final class Fenced extends StoreException {
    public Fenced(String message) {
      super(message, null);
    }
  }

  /** Other writers changed the queue on every attempt; the request may be retried. */
  public static final class Contended extends StoreException {
    public Contended(String message) {
      super(message, null);
    }
  }
}
