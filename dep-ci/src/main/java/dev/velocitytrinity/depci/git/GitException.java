package dev.velocitytrinity.depci.git;

/** git could not answer; {@link #unavailable()} when git itself is missing. */
public final class GitException extends Exception {

  private final boolean unavailable;

  GitException(String message, boolean unavailable, Throwable cause) {
    super(message, cause);
    this.unavailable = unavailable;
  }

  /** True when git cannot be run at all (not installed), as opposed to a bad ref or repository. */
  public boolean unavailable() {
    return unavailable;
  }
}
