package dev.velocitytrinity.livepatch.client;

/** Why a sync did not complete; the subclass says what the caller should do. */
public abstract class SyncException extends Exception {
  private static final long serialVersionUID = 1L;

  SyncException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The agent cannot be reached, or refused the connection or this client: fix and retry. */
  public static final class Unavailable extends SyncException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The agent refused the change set; nothing was applied. */
  public static final class Rejected extends SyncException {
    private static final long serialVersionUID = 1L;

    public Rejected(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The sync would do something the user has to confirm (e.g. delete much of the tree). */
  public static final class NeedsConfirmation extends SyncException {
    private static final long serialVersionUID = 1L;

    public NeedsConfirmation(String message) {
      super(message, null);
    }
  }
}
