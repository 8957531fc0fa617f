package dev.velocitytrinity.livepatch.agent.apply;

/**
 * A change set the agent refuses: an unsafe path, a limit exceeded, content that fails its check.
 * Nothing of the set has been applied when this is thrown.
 */
public final class ChangeRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public ChangeRejectedException(String message) {
    super(message);
  }
}
