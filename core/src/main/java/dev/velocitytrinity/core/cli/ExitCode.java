package dev.velocitytrinity.core.cli;

/** The exit codes every tool uses; fixed here once so scripts can rely on them. */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;

  /** Ran, and the answer is "failed": tests failed, a patch was rolled back, a PR was rejected. */
  public static final int FAILED = 1;

  /** The command line or the config is wrong. */
  public static final int USAGE = 2;

  /** Something the tool needs is unavailable: agent unreachable, Redis down, handshake refused. */
  public static final int UNAVAILABLE = 3;

  /** A bug in the tool. */
  public static final int INTERNAL = 4;

  /** Interrupted (Ctrl-C). */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
