package dev.velocitytrinity.livepatch.agent.apply;

/** Bounds on what one change set may write. */
public record Limits(long maxFileSize, long maxChangeSetSize, int maxEntries) {

  public Limits {
    if (maxFileSize <= 0 || maxChangeSetSize <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static Limits defaults() {
    return new Limits(4L << 30, 16L << 30, 1_000_000);
  }
}
