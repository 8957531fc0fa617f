package dev.velocitytrinity.core.cli;

/**
 * A failure the user can act on: printed as one short message with no stack trace. Subclasses say
 * what kind of failure it is, which fixes the exit code.
 */
public class CommandException extends RuntimeException {

  private final int exitCode;

  protected CommandException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The command ran and its answer is "failed" (exit 1). */
  public static final class Failed extends CommandException {
    public Failed(String message) {
      super(message, ExitCode.FAILED, null);
    }
  }

  /** The user asked for something that cannot be done as asked (exit 2). */
  public static final class Usage extends CommandException {
    public Usage(String message) {
      super(message, ExitCode.USAGE, null);
    }
  }

  /** Something outside the tool is unavailable; retrying later may work (exit 3). */
  public static final class Unavailable extends CommandException {
    public Unavailable(String message, Throwable cause) {
      super(message, ExitCode.UNAVAILABLE, cause);
    }
  }
}
