package dev.velocitytrinity.quantum.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A pull request waiting in a queue.
 *
 * @param pr the pull request number
 * @param headSha the commit that was approved; the build tests exactly this commit
 * @param priority higher goes first among entries that are not being built yet
 * @param enqueuedAt when the entry joined the queue
 * @param failures how many of its builds failed at the head of the queue (for retry-once)
 */
public record Entry(int pr, String headSha, int priority, Instant enqueuedAt, int failures) {

  public Entry {
    if (pr <= 0) {
      throw new IllegalArgumentException("PR number must be positive: " + pr);
    }
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    if (failures < 0) {
      throw new IllegalArgumentException("failures must not be negative");
    }
  }

  public static Entry of(int pr, String headSha, int priority, Instant enqueuedAt) {
    return new Entry(pr, headSha, priority, enqueuedAt, 0);
  }

  public Entry withFailures(int value) {
    return new Entry(pr, headSha, priority, enqueuedAt, value);
  }
}
