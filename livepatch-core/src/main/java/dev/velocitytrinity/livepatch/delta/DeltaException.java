package dev.velocitytrinity.livepatch.delta;

import java.io.IOException;

/** A delta that cannot be applied: corrupt operations or a result that fails its check. */
public final class DeltaException extends IOException {
  private static final long serialVersionUID = 1L;

  public DeltaException(String message) {
    super(message);
  }
}
